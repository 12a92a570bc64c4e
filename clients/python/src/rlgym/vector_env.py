"""``RemoteVectorEnv``: a ``gymnasium.vector.VectorEnv`` over the server's batched protocol."""

from __future__ import annotations

from typing import Any

import numpy as np

from rlgym import codec
from rlgym._compat import HAVE_GYMNASIUM, VectorEnv, batch_space, gymnasium
from rlgym._proto.rlgym.v1 import environments_pb2 as env_pb
from rlgym.env import DEFAULT_ADDRESS, _check_seed, _frame_to_python
from rlgym.errors import RlGymError
from rlgym.transport import Connection

_AUTORESET_MODES = {
    "next_step": env_pb.AUTORESET_MODE_NEXT_STEP,
    "same_step": env_pb.AUTORESET_MODE_SAME_STEP,
    "disabled": env_pb.AUTORESET_MODE_DISABLED,
}
_AUTORESET_NAMES = {code: name for name, code in _AUTORESET_MODES.items()}
_BACKENDS = {"auto": env_pb.BACKEND_AUTO, "cpu": env_pb.BACKEND_CPU, "gpu": env_pb.BACKEND_GPU}


def _autoreset_code(mode: Any) -> int:
    """Accepts a string ("next_step", "same_step", "disabled") or gymnasium.vector.AutoresetMode."""
    if mode is None:
        return env_pb.AUTORESET_MODE_UNSPECIFIED
    name = getattr(mode, "value", mode)
    if isinstance(name, str) and name.lower() in _AUTORESET_MODES:
        return _AUTORESET_MODES[name.lower()]
    raise codec.InvalidActionTypeError(f"autoreset_mode must be one of {list(_AUTORESET_MODES)}, got {mode!r}")


def _batched_info(info: dict[str, Any]) -> dict[str, Any]:
    """Vector infos hold per-copy lists (e.g. ``final_obs`` with None entries) as object arrays, as Gymnasium does."""
    for key, item in info.items():
        if isinstance(item, list):
            array = np.empty(len(item), dtype=object)
            array[:] = [None] * len(item)
            for index, entry in enumerate(item):
                array[index] = entry
            info[key] = array
        elif isinstance(item, dict):
            _batched_info(item)
    return info


def _autoreset_mode(code: int) -> Any:
    name = _AUTORESET_NAMES.get(code, "next_step")
    if HAVE_GYMNASIUM and hasattr(gymnasium.vector, "AutoresetMode"):  # pragma: no cover - interpreter
        return gymnasium.vector.AutoresetMode(name)
    return name


class RemoteVectorEnv(VectorEnv):
    """``num_envs`` copies of an environment stepped as one batch on an RlGym server.

    Created by :func:`rlgym.make_vec`. Observations, rewards and flags are NumPy arrays with the
    copy index first; infos are dicts of arrays with ``_key`` masks, as Gymnasium's vector envs return.
    """

    def __init__(self, env_id: str, num_envs: int, address: str = DEFAULT_ADDRESS,
                 autoreset_mode: Any = None, render_mode: str | None = None, max_episode_steps: int | None = None,
                 transport: str = "stream", backend: str = "auto", vector_kwargs: dict[str, Any] | None = None,
                 **kwargs: Any):
        if not isinstance(num_envs, (int, np.integer)) or num_envs < 1:
            raise codec.InvalidActionTypeError(f"num_envs must be a positive int, got {num_envs!r}")
        if backend not in _BACKENDS:
            raise codec.InvalidActionTypeError(f"backend must be one of {list(_BACKENDS)}, got {backend!r}")
        self._closed = True
        self._connection: Connection | None = None
        connection = Connection(address, transport)
        self._connection = connection
        request = env_pb.CreateEnvironmentRequest(
            env_id=env_id, kwargs=codec.python_to_value_map(kwargs), num_envs=int(num_envs),
            render_mode=render_mode or "", autoreset_mode=_autoreset_code(autoreset_mode),
            backend=_BACKENDS[backend], vector_kwargs=codec.python_to_value_map(vector_kwargs))
        if max_episode_steps is not None:
            request.max_episode_steps = int(max_episode_steps)
        try:
            response = connection.call("create", request)
        except BaseException:
            connection.close()
            raise
        self._closed = False
        self.closed = False
        self._handle = response.handle
        self._sequence = 0
        self.num_envs = int(response.num_envs)
        self.single_observation_space = codec.space_from_proto(response.observation_space)
        self.single_action_space = codec.space_from_proto(response.action_space)
        self.observation_space = batch_space(self.single_observation_space, self.num_envs)
        self.action_space = batch_space(self.single_action_space, self.num_envs)
        self.metadata = codec.metadata_from_proto(response.metadata)
        self.metadata["autoreset_mode"] = _autoreset_mode(response.autoreset_mode)
        self.render_mode = response.render_mode or None
        self.spec = codec.spec_from_proto(response.spec)
        self.backend = {env_pb.BACKEND_CPU: "cpu", env_pb.BACKEND_GPU: "gpu"}.get(response.backend, "cpu")

    def _sequenced(self, kind: str, request: Any) -> Any:
        if self._closed or self._connection is None:
            raise RlGymError("The vector environment is closed", "CANCELLED")
        request.sequence = self._sequence + 1
        response = self._connection.call(kind, request, retry=True)
        self._sequence += 1
        return response

    def reset(self, *, seed: int | list[int] | None = None,
              options: dict[str, Any] | None = None) -> tuple[Any, dict[str, Any]]:
        """Resets every copy; an int seed seeds copy i with ``seed + i``, a list gives one seed per copy."""
        request = env_pb.ResetRequest(handle=self._handle, options=codec.python_to_value_map(options))
        if isinstance(seed, (list, tuple)):
            if len(seed) != self.num_envs:
                raise codec.InvalidActionTypeError(f"Expected {self.num_envs} seeds, got {len(seed)}")
            request.seeds.extend(_check_seed(item) for item in seed)
        elif seed is not None:
            request.seed = _check_seed(seed)
        response = self._sequenced("reset", request)
        return codec.value_to_python(response.observation), _batched_info(codec.value_map_to_python(response.info))

    def step(self, actions: Any) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
        """Steps every copy: batched ``(observations, rewards, terminations, truncations, infos)``."""
        value = codec.action_to_value(actions, self.single_action_space, batched=True)
        response = self._sequenced("step", env_pb.StepRequest(handle=self._handle, action=value))
        return (codec.value_to_python(response.observation),
                codec.tensor_to_ndarray(response.reward),
                codec.tensor_to_ndarray(response.terminated).astype(np.bool_, copy=False),
                codec.tensor_to_ndarray(response.truncated).astype(np.bool_, copy=False),
                _batched_info(codec.value_map_to_python(response.info)))

    def render(self) -> tuple[Any, ...] | None:
        """One frame per copy, or None without a render mode."""
        if self._closed or self._connection is None:
            raise RlGymError("The vector environment is closed", "CANCELLED")
        if self.render_mode is None:
            return None
        response = self._connection.call("render", env_pb.RenderRequest(
            handle=self._handle, encoding=env_pb.FRAME_ENCODING_RAW))
        return tuple(_frame_to_python(frame) for frame in response.frames)

    def close(self, **kwargs: Any) -> None:
        """Closes the copies on the server and the connection; safe to call repeatedly."""
        if self._closed:
            return
        self._closed = True
        self.closed = True
        connection = self._connection
        if connection is None:
            return
        try:
            connection.call("close", env_pb.CloseEnvironmentRequest(handle=self._handle))
        except (RlGymError, ValueError):
            pass  # already gone on the server or unreachable: nothing to free
        finally:
            connection.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown: best effort only
            pass
