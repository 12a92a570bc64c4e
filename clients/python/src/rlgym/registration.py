"""Served environments as Gymnasium registrations: the entry points their specs name, the specs, and
``register_envs``.

Every ``env.spec`` the client hands out is a real, loadable ``gymnasium.envs.registration.EnvSpec`` (the stand-in
``rlgym.EnvSpec`` without Gymnasium). Its ``entry_point`` is :func:`make_env`, its ``vector_entry_point``
:func:`make_vec_env`, and its ``kwargs`` hold where the environment lives (``env_id``, ``address``) next to the
environment's own kwargs, so ``gymnasium.make(env.spec)``, ``env.spec.make()``, ``gymnasium.make_vec(env.spec, n)``
and ``EnvSpec.from_json(env.spec.to_json())`` create an equivalent environment on the same server. The spec never
holds an API key it was not given explicitly (``register_envs(api_key=...)``): a recreated environment reads
``RLGYM_API_KEY`` as usual.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from rlgym import codec
from rlgym._compat import HAVE_GYMNASIUM, EnvSpec, gymnasium
from rlgym._proto.rlgym.v1 import environments_pb2 as env_pb
from rlgym.transport import DEFAULT_ADDRESS, Connection

if TYPE_CHECKING:
    from rlgym.env import RemoteEnv
    from rlgym.vector_env import RemoteVectorEnv

ENTRY_POINT = "rlgym.registration:make_env"
"""The ``entry_point`` of every served environment's spec."""

VECTOR_ENTRY_POINT = "rlgym.registration:make_vec_env"
"""The ``vector_entry_point`` of every served environment's spec: one batched handle on the server."""


def make_env(env_id: str, address: str = DEFAULT_ADDRESS, **kwargs: Any) -> RemoteEnv:
    """``gymnasium.make``'s creator for a served environment.

    Gymnasium adds the ``TimeLimit`` wrapper from the spec's ``max_episode_steps`` (or ``make``'s override), so the
    server applies no time limit of its own here, exactly as Gymnasium's own environments count no steps.
    """
    from rlgym.env import RemoteEnv

    return RemoteEnv(env_id, address=address, max_episode_steps=0, **kwargs)


def make_vec_env(env_id: str, num_envs: int = 1, address: str = DEFAULT_ADDRESS,
                 server_vector_kwargs: dict[str, Any] | None = None, **kwargs: Any) -> RemoteVectorEnv:
    """``gymnasium.make_vec``'s creator: ``num_envs`` copies as one batched handle (``rlgym.make_vec``).

    ``gymnasium.make_vec`` passes the spec's ``max_episode_steps``; the server applies it to every copy, and its other
    keyword arguments, e.g. ``gymnasium.make_vec("rlgym/CartPole-v1", 8, vectorization="fast", backend="cpu")``, are
    ``rlgym.make_vec``'s. ``server_vector_kwargs`` is ``rlgym.make_vec``'s ``vector_kwargs`` (that name is
    ``gymnasium.make_vec``'s own).
    """
    from rlgym.vector_env import RemoteVectorEnv

    return RemoteVectorEnv(env_id, num_envs=num_envs, address=address, vector_kwargs=server_vector_kwargs, **kwargs)


def make_from_spec(spec: EnvSpec, **kwargs: Any) -> RemoteEnv:
    """``EnvSpec.make`` without Gymnasium: there is no ``TimeLimit`` wrapper, so the server applies the spec's limit."""
    if spec.entry_point != ENTRY_POINT:
        raise ValueError(f"Without Gymnasium only specs of served environments can be made (entry point "
                         f"{ENTRY_POINT!r}), got {spec.entry_point!r}")
    from rlgym.env import RemoteEnv

    arguments = {**spec.kwargs, **kwargs}
    return RemoteEnv(arguments.pop("env_id"), max_episode_steps=spec.max_episode_steps or 0, **arguments)


def served_spec(spec: env_pb.EnvSpec, kwargs: dict[str, Any]) -> Any:
    """The loadable spec of a served environment: the server's registration data (id, time limit, reward threshold,
    determinism) and ``kwargs``, the creator's arguments (``env_id`` and ``address`` first, then the rest)."""
    fields = dict(
        id=spec.id,
        entry_point=ENTRY_POINT,
        reward_threshold=spec.reward_threshold if spec.HasField("reward_threshold") else None,
        nondeterministic=spec.nondeterministic,
        max_episode_steps=int(spec.max_episode_steps) if spec.HasField("max_episode_steps") else None,
        order_enforce=True,
        disable_env_checker=False,
        kwargs=kwargs,
        vector_entry_point=VECTOR_ENTRY_POINT,
    )
    if HAVE_GYMNASIUM:
        return gymnasium.envs.registration.EnvSpec(**fields)
    return EnvSpec(**fields)


def _list_descriptions(address: str, api_key: str | None) -> Any:
    connection = Connection(address, "unary", api_key)
    try:
        return connection.unary("list", env_pb.ListEnvironmentsRequest()).environments
    finally:
        connection.close()


def describe_envs(address: str = DEFAULT_ADDRESS, api_key: str | None = None) -> dict[str, dict[str, Any]]:
    """Every served environment: id -> {"spec", "observation_space", "action_space", "metadata", "source",
    "vectorizations"}; "vectorizations" lists the names ``make_vec(vectorization=...)`` takes for the id besides
    "auto", e.g. ["sync", "parallel", "soa", "fast"]."""
    return {
        description.spec.id: {
            "spec": served_spec(description.spec, {"env_id": description.spec.id, "address": address}),
            "observation_space": codec.space_from_proto(description.observation_space),
            "action_space": codec.space_from_proto(description.action_space),
            "metadata": codec.metadata_from_proto(description.metadata),
            "source": description.source,
            "vectorizations": [name for name in map(codec.vectorization_name, description.vectorizations) if name],
        }
        for description in _list_descriptions(address, api_key)
    }


def server_status(address: str = DEFAULT_ADDRESS, api_key: str | None = None) -> dict[str, Any]:
    """The server's live figures, every caller's together: {"version", "uptime_seconds", "handles_open",
    "env_steps_total", "connections", "requests_failed_total", "shared_memory_attachments"} (the counts its metrics
    endpoint exports, and the shared-memory attachments open)."""
    connection = Connection(address, "unary", api_key)
    try:
        status = connection.unary("status", env_pb.GetServerStatusRequest())
    finally:
        connection.close()
    return {"version": status.version, "uptime_seconds": status.uptime_seconds, "handles_open": status.handles_open,
            "env_steps_total": status.env_steps_total, "connections": status.connections,
            "requests_failed_total": status.requests_failed_total,
            "shared_memory_attachments": status.shared_memory_attachments}


def list_envs(address: str = DEFAULT_ADDRESS, api_key: str | None = None) -> list[str]:
    """The ids of every environment the server at ``address`` can create (with this key), ordered by id."""
    return [description.spec.id for description in _list_descriptions(address, api_key)]


def register_envs(address: str = DEFAULT_ADDRESS, namespace: str = "rlgym", api_key: str | None = None) -> list[str]:
    """Registers every served id with Gymnasium as ``<namespace>/<id>``; returns the registered ids.

    ``gymnasium.make("rlgym/CartPole-v1")`` then creates the environment with Gymnasium's usual wrappers (time limit,
    order enforcing, passive checker) and ``gymnasium.make_vec("rlgym/CartPole-v1", num_envs=N)`` creates one batched
    handle of N copies. Ids with a namespace of their own lose the slash: "MinAtar/Breakout-v0" becomes
    "rlgym/MinAtar-Breakout-v0". An explicit ``api_key`` is stored in the registered specs' kwargs (so it shows in
    ``spec.to_json()``); without one, each environment reads ``RLGYM_API_KEY``. Without Gymnasium it warns and
    registers nothing.
    """
    if not HAVE_GYMNASIUM:
        warnings.warn("gymnasium is not importable, so rlgym.register_envs registered nothing; "
                      "use rlgym.make(id) directly", stacklevel=2)
        return []
    registered = []
    for description in _list_descriptions(address, api_key):
        kwargs: dict[str, Any] = {"env_id": description.spec.id, "address": address}
        if api_key is not None:
            kwargs["api_key"] = api_key
        spec = served_spec(description.spec, kwargs)
        gym_id = f"{namespace}/{spec.id.replace('/', '-')}"
        gymnasium.register(
            id=gym_id, entry_point=spec.entry_point, vector_entry_point=spec.vector_entry_point, kwargs=spec.kwargs,
            reward_threshold=spec.reward_threshold, nondeterministic=spec.nondeterministic,
            max_episode_steps=spec.max_episode_steps)
        registered.append(gym_id)
    return registered


__all__ = ["ENTRY_POINT", "VECTOR_ENTRY_POINT", "describe_envs", "list_envs", "make_env", "make_from_spec",
           "make_vec_env", "register_envs", "served_spec", "server_status"]
