"""``RemoteEnv``: a ``gymnasium.Env`` whose environment runs on an RlGym server."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from rlgym import codec, shm
from rlgym._compat import HAVE_GYMNASIUM, Env, autoreset_mode
from rlgym._proto.rlgym.v1 import environments_pb2 as env_pb
from rlgym.errors import RlGymError
from rlgym.registration import served_spec
from rlgym.transport import DEFAULT_ADDRESS, DEFAULT_RETRY_BUDGET_S, DEFAULT_TIMEOUT_S, RemoteHandle


def _check_seed(seed: Any) -> int | None:
    if seed is None:
        return None
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise codec.InvalidActionTypeError(f"Seed must be a non-negative int or None, got {seed!r}")
    return int(seed)


class RemoteEnv(Env):
    """One environment on an RlGym server, with Gymnasium's API and Python/NumPy types.

    Created by :func:`rlgym.make`. Observations, rewards, flags and info values have exactly the
    types Gymnasium's own environment returns (float32 arrays, Python ints and floats, bools).

    ``spec`` is a loadable Gymnasium ``EnvSpec`` (see :mod:`rlgym.registration`). A pickled env unpickles as a fresh
    environment with the same id, kwargs and server (a new handle, to be reset: the episode's state stays with the
    old handle); ``copy.deepcopy`` raises, since a copy of the server-side state cannot be made.
    """

    def __init__(self, env_id: str, address: str = DEFAULT_ADDRESS, render_mode: str | None = None,
                 max_episode_steps: int | None = None, transport: str = "auto", api_key: str | None = None,
                 timeout: float | None = DEFAULT_TIMEOUT_S, retry_budget: float = DEFAULT_RETRY_BUDGET_S,
                 **kwargs: Any):
        self._remote: RemoteHandle | None = None
        self._closed = True
        self._arguments = dict(env_id=env_id, address=address, render_mode=render_mode,
                               max_episode_steps=max_episode_steps, transport=transport, api_key=api_key,
                               timeout=timeout, retry_budget=retry_budget, **kwargs)
        request = env_pb.CreateEnvironmentRequest(
            env_id=env_id, kwargs=codec.python_to_value_map(kwargs), num_envs=0, render_mode=render_mode or "")
        if max_episode_steps is not None:
            request.max_episode_steps = int(max_episode_steps)
        self._remote = RemoteHandle(address, transport, request, api_key, timeout, retry_budget)
        self._closed = False
        response = self._remote.created
        self.observation_space = codec.space_from_proto(response.observation_space)
        self.action_space = codec.space_from_proto(response.action_space)
        self.metadata = codec.metadata_from_proto(response.metadata)
        self.render_mode = response.render_mode or None
        self.spec = served_spec(response.spec, _spec_kwargs(self._arguments))
        self._int_rewards = response.metadata.reward_type == env_pb.REWARD_TYPE_INT
        self._discrete_observations = isinstance(self.observation_space, codec.spaces.Discrete)

    @property
    def transport(self) -> str:
        """The data path in use: "shm" (shared memory), "stream" or "unary"."""
        remote = self._remote
        if remote is not None and remote.shm is not None:
            return "shm"
        return "unary" if remote is not None and remote.connection.transport_name == "unary" else "stream"

    @property
    def handle(self) -> str:
        """The server's handle for this environment."""
        return self._remote.handle if self._remote else ""

    @property
    def address(self) -> str:
        """The server address this environment lives on."""
        assert self._remote is not None
        return self._remote.address

    def _require_open(self) -> RemoteHandle:
        if self._closed or self._remote is None:
            raise RlGymError(f"The environment {self.spec.id if self.spec else ''} is closed", "CANCELLED")
        return self._remote

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[Any, dict[str, Any]]:
        """Starts an episode: ``(observation, info)``; ``seed`` seeds the server's generator."""
        seed = _check_seed(seed)
        if HAVE_GYMNASIUM:  # keeps env.np_random seeded as Gymnasium's Env.reset does
            super().reset(seed=seed)
        remote = self._require_open()

        def grpc_request() -> tuple[str, Any]:
            request = env_pb.ResetRequest(options=codec.python_to_value_map(options))
            if seed is not None:
                request.seed = seed
            return "reset", request

        if remote.shm is not None and not options:
            result = remote.ring(shm.OP_RESET, seed, grpc_request)
            if isinstance(result, bytes):
                info = codec.value_map_to_python(env_pb.ResetResponse.FromString(result).info) if result else {}
                return self._shm_observation(remote.shm), info
            response = result
        else:
            response = remote.sequenced(*grpc_request())
        return codec.value_to_python(response.observation), codec.value_map_to_python(response.info)

    def step(self, action: Any) -> tuple[Any, float | int, bool, bool, dict[str, Any]]:
        """Runs one timestep: ``(observation, reward, terminated, truncated, info)``."""
        remote = self._require_open()
        channel = remote.shm
        if channel is not None and shm.write_action(channel.action, action, self.action_space, batched=False):
            result = remote.ring(shm.OP_STEP, None, lambda: (
                "step", env_pb.StepRequest(action=codec.action_to_value(action, self.action_space))))
            if isinstance(result, bytes):
                return (self._shm_observation(channel),
                        int(channel.reward) if self._int_rewards else float(channel.reward),
                        bool(channel.terminated), bool(channel.truncated),
                        codec.value_map_to_python(env_pb.StepResponse.FromString(result).info) if result else {})
            response = result
        else:
            request = env_pb.StepRequest(action=codec.action_to_value(action, self.action_space))
            response = remote.sequenced("step", request)
        reward = codec.tensor_to_ndarray(response.reward)
        return (codec.value_to_python(response.observation),
                int(reward) if self._int_rewards else float(reward),
                bool(codec.tensor_to_ndarray(response.terminated)),
                bool(codec.tensor_to_ndarray(response.truncated)),
                codec.value_map_to_python(response.info))

    def _shm_observation(self, channel: shm.SharedMemoryChannel) -> Any:
        """The observation in the segment, as the gRPC path gives it: an owned array, or an int for Discrete."""
        return int(channel.observation) if self._discrete_observations else channel.observation.copy()

    def render(self) -> Any:
        """The current frame: an HxWx3 uint8 array ("rgb_array"), a string ("ansi"), or None."""
        remote = self._require_open()
        if self.render_mode is None:
            warnings.warn("You are calling render method without specifying any render mode; pass render_mode "
                          f"to rlgym.make (one of {self.metadata.get('render_modes', [])})", stacklevel=2)
            return None
        response = remote.call("render", env_pb.RenderRequest(encoding=env_pb.FRAME_ENCODING_RAW))
        if not response.frames:
            return None
        return _frame_to_python(response.frames[0])

    def close(self) -> None:
        """Closes the environment on the server and the connection; safe to call repeatedly."""
        if self._closed:
            return
        self._closed = True
        if self._remote is not None:
            self._remote.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown: best effort only
            pass

    def __reduce__(self) -> tuple[Any, tuple[type, dict[str, Any]]]:
        return _reconnect, (type(self), self._arguments)

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        raise TypeError(f"{self!r} cannot be deep-copied: its state lives on the server. pickle.loads(pickle.dumps(env)) "
                        "or env.spec.make() create a fresh environment with the same id, kwargs and server.")

    def __repr__(self) -> str:
        address = self._remote.address if self._remote else "?"
        return f"<RemoteEnv {self.spec.id if self.spec else '?'} on {address}>"


def _reconnect(cls: type, arguments: dict[str, Any]) -> Any:
    """Unpickles a ``RemoteEnv`` or ``RemoteVectorEnv``: a fresh one made with the pickled one's creation arguments."""
    arguments = dict(arguments)
    return cls(arguments.pop("env_id"), **arguments)


# Creation arguments a spec keeps only where they differ from these defaults. The API key never (specs get printed and
# saved as JSON: a recreated env reads RLGYM_API_KEY), nor max_episode_steps (the spec's own field).
_SPEC_DEFAULTS: dict[str, Any] = {
    "render_mode": None, "transport": "auto", "copy": True, "timeout": DEFAULT_TIMEOUT_S, "retry_budget": DEFAULT_RETRY_BUDGET_S,
    "num_envs": 1, "autoreset_mode": None, "backend": "auto", "vectorization": None, "vector_kwargs": None,
}
_NOT_IN_SPECS = ("api_key", "max_episode_steps")


def _spec_kwargs(arguments: dict[str, Any]) -> dict[str, Any]:
    """A spec's creator arguments from an env's creation arguments (JSON-able: the autoreset mode by its value;
    ``vector_kwargs`` as ``server_vector_kwargs``, since ``vector_kwargs`` is ``gymnasium.make_vec``'s own)."""
    kwargs: dict[str, Any] = {}
    for key, value in arguments.items():
        if key in _NOT_IN_SPECS or (key in _SPEC_DEFAULTS and value in (_SPEC_DEFAULTS[key], {})):
            continue
        if key == "autoreset_mode":
            value = autoreset_mode(value).value
        kwargs["server_vector_kwargs" if key == "vector_kwargs" else key] = value
    return kwargs


def _frame_to_python(frame: env_pb.Frame) -> Any:
    kind = frame.WhichOneof("content")
    if kind == "text":
        return frame.text
    if kind == "image":
        if frame.image.HasField("pixels"):
            return codec.tensor_to_ndarray(frame.image.pixels)
        raise RlGymError("The server sent a PNG frame although RAW pixels were requested", "INTERNAL")
    return None
