"""RlGym's Python client: Gymnasium environments served by an RlGym server.

    import rlgym
    env = rlgym.make("CartPole-v1")            # instead of gymnasium.make
    obs, info = env.reset(seed=42)
    obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
    env.close()
"""

from __future__ import annotations

import warnings
from typing import Any, Sequence

from rlgym import codec, errors, spaces
from rlgym._compat import HAVE_GYMNASIUM, EnvSpec, gymnasium
from rlgym._proto.rlgym.v1 import environments_pb2 as env_pb
from rlgym.env import DEFAULT_ADDRESS, RemoteEnv
from rlgym.errors import (
    AccessDeniedError,
    EnvNotFoundError,
    InvalidArgumentError,
    PreconditionError,
    ResetNeeded,
    ResourceExhaustedError,
    RlGymError,
    SequenceError,
    ServerConnectionError,
    UnimplementedError,
)
from rlgym.transport import DEFAULT_TIMEOUT_S, Connection
from rlgym.vector_env import RemoteVectorEnv

__version__ = "0.1.0"


def make(id: str, address: str = DEFAULT_ADDRESS, render_mode: str | None = None,
         max_episode_steps: int | None = None, transport: str = "stream", api_key: str | None = None,
         timeout: float | None = DEFAULT_TIMEOUT_S, **kwargs: Any) -> RemoteEnv:
    """Creates environment ``id`` on the server at ``address`` (``host:port`` or ``unix:///path``).

    Mirrors ``gymnasium.make``: ``kwargs`` go to the environment's constructor, the registered time
    limit applies unless ``max_episode_steps`` overrides it (0 disables it). ``transport`` is
    "stream" (one Session stream per env, the default) or "unary". ``api_key`` (default: the
    ``RLGYM_API_KEY`` environment variable) is sent to servers that require one. ``timeout`` (seconds,
    default 30; None for no limit) bounds each request's wait for its answer: past it the request fails with
    ``rlgym.ServerConnectionError``.
    """
    return RemoteEnv(id, address=address, render_mode=render_mode, max_episode_steps=max_episode_steps,
                     transport=transport, api_key=api_key, timeout=timeout, **kwargs)


def make_vec(id: str, num_envs: int = 1, address: str | Sequence[str] = DEFAULT_ADDRESS, autoreset_mode: Any = None,
             render_mode: str | None = None, max_episode_steps: int | None = None, transport: str = "stream",
             backend: str = "auto", vector_kwargs: dict[str, Any] | None = None, api_key: str | None = None,
             timeout: float | None = DEFAULT_TIMEOUT_S, **kwargs: Any) -> RemoteVectorEnv:
    """Creates ``num_envs`` copies of ``id`` stepped as one batch (mirrors ``gymnasium.make_vec``).

    ``autoreset_mode`` is "next_step" (default), "same_step", "disabled" or a
    ``gymnasium.vector.AutoresetMode``; ``backend`` is "auto", "cpu" or "gpu". A server without
    batched environments raises ``NotImplementedError`` (``rlgym.UnimplementedError``) with its message.

    ``address`` may be a list of servers (replicas): the copies are spread over them in order and the
    batches joined, with the same results as one server for the same seeds (scale-out, see
    docs/containers.md). ``api_key`` (default: ``RLGYM_API_KEY``) goes to every server; ``timeout`` is
    :func:`make`'s, per shard.
    """
    return RemoteVectorEnv(id, num_envs=num_envs, address=address, autoreset_mode=autoreset_mode,
                           render_mode=render_mode, max_episode_steps=max_episode_steps, transport=transport,
                           backend=backend, vector_kwargs=vector_kwargs, api_key=api_key, timeout=timeout,
                           **kwargs)


def _list_descriptions(address: str, api_key: str | None) -> Any:
    connection = Connection(address, "unary", api_key)
    try:
        return connection.unary("list", env_pb.ListEnvironmentsRequest()).environments
    finally:
        connection.close()


def describe_envs(address: str = DEFAULT_ADDRESS, api_key: str | None = None) -> dict[str, dict[str, Any]]:
    """Every served environment: id -> {"spec", "observation_space", "action_space", "metadata", "source"}."""
    return {
        description.spec.id: {
            "spec": codec.spec_from_proto(description.spec),
            "observation_space": codec.space_from_proto(description.observation_space),
            "action_space": codec.space_from_proto(description.action_space),
            "metadata": codec.metadata_from_proto(description.metadata),
            "source": description.source,
        }
        for description in _list_descriptions(address, api_key)
    }


def list_envs(address: str = DEFAULT_ADDRESS, api_key: str | None = None) -> list[str]:
    """The ids of every environment the server at ``address`` can create (with this key), ordered by id."""
    return [description.spec.id for description in _list_descriptions(address, api_key)]


def register_envs(address: str = DEFAULT_ADDRESS, namespace: str = "rlgym") -> list[str]:
    """Registers every served id with Gymnasium as ``<namespace>/<id>`` (``gymnasium.make("rlgym/CartPole-v1")``).

    Returns the registered ids. Without Gymnasium it warns and registers nothing.
    """
    if not HAVE_GYMNASIUM:
        warnings.warn("gymnasium is not importable, so rlgym.register_envs registered nothing; "
                      "use rlgym.make(id) directly", stacklevel=2)
        return []
    registered = []  # pragma: no cover - needs gymnasium
    for env_id, description in describe_envs(address).items():  # pragma: no cover - needs gymnasium
        # Gymnasium ids allow one namespace: "MinAtar/Breakout-v0" becomes "rlgym/MinAtar-Breakout-v0".
        gym_id = f"{namespace}/{env_id.replace('/', '-')}"
        gymnasium.register(
            id=gym_id, entry_point=_entry_point(env_id, address, description["metadata"], make),
            vector_entry_point=_entry_point(env_id, address, description["metadata"], make_vec),
            reward_threshold=description["spec"].reward_threshold,
            nondeterministic=description["spec"].nondeterministic,
            max_episode_steps=None,  # the server applies the registered time limit itself
            order_enforce=False, disable_env_checker=True)
        registered.append(gym_id)
    return registered  # pragma: no cover - needs gymnasium


def _entry_point(env_id: str, address: str, metadata: dict[str, Any], factory: Any) -> Any:
    def create(**kwargs: Any) -> Any:
        kwargs.setdefault("address", address)
        return factory(env_id, **kwargs)

    create.metadata = metadata  # type: ignore[attr-defined]  # gymnasium.make reads render_modes here
    return create


__all__ = [
    "AccessDeniedError", "EnvNotFoundError", "EnvSpec", "HAVE_GYMNASIUM", "InvalidArgumentError", "PreconditionError",
    "RemoteEnv", "RemoteVectorEnv", "ResetNeeded", "ResourceExhaustedError", "RlGymError", "SequenceError",
    "ServerConnectionError", "UnimplementedError", "describe_envs", "errors", "list_envs", "make", "make_vec",
    "register_envs", "spaces",
]
