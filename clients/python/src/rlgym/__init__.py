"""RlGym's Python client: Gymnasium environments served by an RlGym server.

    import rlgym
    env = rlgym.make("CartPole-v1")            # instead of gymnasium.make
    obs, info = env.reset(seed=42)
    obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
    env.close()
"""

from __future__ import annotations

import os

# gRPC cannot be used in a child made by fork() once the parent has used it (gymnasium's AsyncVectorEnv forks by
# default, after making one env in the parent to read its spaces), unless grpcio's fork support is on. grpcio reads
# the setting when it is first imported, hence here, before anything imports grpc; a process that imported grpc
# before rlgym keeps its own setting, and a forked child then fails at once (see rlgym.transport._check_process).
os.environ.setdefault("GRPC_ENABLE_FORK_SUPPORT", "true")

from typing import Any, Sequence  # noqa: E402

from rlgym import errors, spaces  # noqa: E402
from rlgym._compat import HAVE_GYMNASIUM, AutoresetMode, EnvSpec
from rlgym._version import __version__
from rlgym.env import RemoteEnv
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
from rlgym.registration import describe_envs, list_envs, register_envs, server_status
from rlgym.transport import DEFAULT_ADDRESS, DEFAULT_RETRY_BUDGET_S, DEFAULT_TIMEOUT_S
from rlgym.vector_env import RemoteVectorEnv


def make(id: str, address: str = DEFAULT_ADDRESS, render_mode: str | None = None,
         max_episode_steps: int | None = None, transport: str = "auto", api_key: str | None = None,
         timeout: float | None = DEFAULT_TIMEOUT_S, retry_budget: float = DEFAULT_RETRY_BUDGET_S,
         **kwargs: Any) -> RemoteEnv:
    """Creates environment ``id`` on the server at ``address`` (``host:port`` or ``unix:///path``).

    Mirrors ``gymnasium.make``: ``kwargs`` go to the environment's constructor, the registered time
    limit applies unless ``max_episode_steps`` overrides it (0 disables it). ``transport`` is
    "auto" (the default: shared memory for ``unix://`` addresses on Linux, else the Session stream), "shm" (shared
    memory, same host only), "stream" (one Session stream per env) or "unary". ``api_key`` (default: the
    ``RLGYM_API_KEY`` environment variable) is sent to servers that require one. ``timeout`` (seconds,
    default 30; None for no limit) bounds each request's wait for its answer. A request left without an answer
    (lost connection, server unavailable, timeout) is re-sent with the same sequence number, never applied twice,
    for up to ``retry_budget`` seconds (default 30; 0: no retries); then it fails with
    ``rlgym.ServerConnectionError`` and is completed before the env's next reset or step.
    """
    return RemoteEnv(id, address=address, render_mode=render_mode, max_episode_steps=max_episode_steps,
                     transport=transport, api_key=api_key, timeout=timeout, retry_budget=retry_budget, **kwargs)


def make_vec(id: str, num_envs: int = 1, address: str | Sequence[str] = DEFAULT_ADDRESS, autoreset_mode: Any = None,
             render_mode: str | None = None, max_episode_steps: int | None = None, transport: str = "auto",
             backend: str = "auto", vectorization: str | None = None, vector_kwargs: dict[str, Any] | None = None,
             api_key: str | None = None, timeout: float | None = DEFAULT_TIMEOUT_S,
             retry_budget: float = DEFAULT_RETRY_BUDGET_S, copy: bool = True, batch_size: int | None = None,
             pipeline: int = 1, **kwargs: Any) -> RemoteVectorEnv:
    """Creates ``num_envs`` copies of ``id`` stepped as one batch (mirrors ``gymnasium.make_vec``).

    ``autoreset_mode`` is a ``gymnasium.vector.AutoresetMode`` (``rlgym.AutoresetMode`` on Gymnasium 1.0 or without
    Gymnasium: same members) or one of its names ("next_step", "NextStep", "NEXT_STEP", ...); the default is
    next-step, and ``metadata["autoreset_mode"]`` holds the member. ``backend`` is "auto", "cpu" or "gpu".
    ``vectorization`` picks the server's CPU implementation: None or "auto" (the structure-of-arrays variant where the id
    has one, else "sync"), "sync", "parallel", "soa", "gymnasium" (Gymnasium's own vector env) or "fast" (float32); the
    ids' offers are in ``describe_envs()[id]["vectorizations"]``, and ``env.backend`` / ``env.vectorization`` say what
    the server chose. A server without batched environments raises ``NotImplementedError``
    (``rlgym.UnimplementedError``) with its message.

    ``address`` may be a list of servers (replicas): the copies are spread over them in order and the
    batches joined, with the same results as one server for the same seeds (scale-out, see
    docs/containers.md). ``api_key`` (default: ``RLGYM_API_KEY``) goes to every server; ``timeout`` and
    ``retry_budget`` are :func:`make`'s, per shard; so is ``transport`` (shared memory serves one server, so a
    list of addresses uses the stream under "auto"). Over shared memory, ``copy=False`` returns NumPy views of the
    segment (zero-copy, as Gymnasium's ``copy=False``): the observations, rewards and flags are valid until the next
    reset or step, which overwrites them; the default ``copy=True`` returns arrays of their own.

    ``batch_size`` (1 to ``num_envs``, one server) makes it asynchronous, EnvPool-style: ``env.send(actions, env_id)``
    and ``env.recv()`` (whose ``info["env_id"]`` names the copies of its rows), ``env.async_reset()``; the server
    steps copies on all its cores while the client computes (see :class:`RemoteVectorEnv`).

    ``pipeline=K`` (one server, gRPC) splits the copies into K handles whose requests travel pipelined on one Session
    stream: the server steps one part while the client encodes the next, which helps large batches over TCP.
    """
    return RemoteVectorEnv(id, num_envs=num_envs, address=address, autoreset_mode=autoreset_mode,
                           render_mode=render_mode, max_episode_steps=max_episode_steps, transport=transport,
                           backend=backend, vectorization=vectorization, vector_kwargs=vector_kwargs,
                           api_key=api_key, timeout=timeout, retry_budget=retry_budget, copy=copy,
                           batch_size=batch_size, pipeline=pipeline, **kwargs)


__all__ = [
    "AccessDeniedError", "AutoresetMode", "EnvNotFoundError", "EnvSpec", "HAVE_GYMNASIUM", "InvalidArgumentError", "PreconditionError",
    "RemoteEnv", "RemoteVectorEnv", "ResetNeeded", "ResourceExhaustedError", "RlGymError", "SequenceError",
    "ServerConnectionError", "UnimplementedError", "describe_envs", "errors", "list_envs", "make", "make_vec",
    "register_envs", "server_status", "spaces", "__version__",
]
