"""``RemoteVectorEnv``: a ``gymnasium.vector.VectorEnv`` over the server's batched protocol."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Sequence

import numpy as np

from rlgym import codec, shm
from rlgym._compat import AutoresetMode, VectorEnv, autoreset_mode, batch_space
from rlgym._proto.rlgym.v1 import environments_pb2 as env_pb
from rlgym.env import _check_seed, _frame_to_python, _reconnect, _spec_kwargs
from rlgym.errors import RlGymError
from rlgym.registration import served_spec
from rlgym.transport import DEFAULT_ADDRESS, DEFAULT_RETRY_BUDGET_S, DEFAULT_TIMEOUT_S, Connection, RemoteHandle

_AUTORESET_CODES = {
    AutoresetMode.NEXT_STEP: env_pb.AUTORESET_MODE_NEXT_STEP,
    AutoresetMode.SAME_STEP: env_pb.AUTORESET_MODE_SAME_STEP,
    AutoresetMode.DISABLED: env_pb.AUTORESET_MODE_DISABLED,
}
_AUTORESET_MEMBERS = {code: member for member, code in _AUTORESET_CODES.items()}


def _autoreset_code(mode: Any) -> int:
    """The protocol's code for an ``AutoresetMode`` (Gymnasium's or ours) or one of its names; None: the default."""
    if mode is None:
        return env_pb.AUTORESET_MODE_UNSPECIFIED
    try:
        return _AUTORESET_CODES[autoreset_mode(mode)]
    except ValueError as error:
        raise codec.InvalidActionTypeError(str(error)) from None


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


def _split(num_envs: int, shards: int) -> list[int]:
    """Copies per shard, as even as possible: the first ``num_envs % shards`` shards get one more."""
    return [num_envs // shards + (1 if k < num_envs % shards else 0) for k in range(shards)]


def _slice_batch(batch: Any, start: int, stop: int) -> Any:
    """Copies ``start:stop`` of a batch (an array, or a dict / tuple of arrays for composite spaces)."""
    if isinstance(batch, dict):
        return {key: _slice_batch(item, start, stop) for key, item in batch.items()}
    if isinstance(batch, tuple):
        return tuple(_slice_batch(item, start, stop) for item in batch)
    return np.asarray(batch)[start:stop]


def _take_rows(value: Any, rows: np.ndarray) -> Any:
    """Rows ``rows`` of a batch or a vector info (arrays, or dicts / tuples of them), in that order."""
    if isinstance(value, dict):
        return {key: _take_rows(item, rows) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(_take_rows(item, rows) for item in value)
    return np.asarray(value)[rows]


def in_copy_order(result: tuple[Any, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]) -> Any:
    """A receive of every copy (``batch_size == num_envs``) with its rows in copy order and ``env_id`` dropped: what
    a synchronous step returns."""
    observations, rewards, terminations, truncations, info = result
    info = dict(info)
    order = np.argsort(info.pop("env_id"), kind="stable")
    return (_take_rows(observations, order), rewards[order], terminations[order], truncations[order],
            _take_rows(info, order))


def _concatenate_batches(parts: Sequence[Any]) -> Any:
    """Batches one after the other along the copy axis (arrays, or dicts / tuples of them)."""
    first = parts[0]
    if len(parts) == 1:
        return first
    if isinstance(first, dict):
        return {key: _concatenate_batches([part[key] for part in parts]) for key in first}
    if isinstance(first, tuple):
        return tuple(_concatenate_batches([part[k] for part in parts]) for k in range(len(first)))
    return np.concatenate([np.asarray(part) for part in parts])


def _concatenate_infos(parts: Sequence[dict[str, Any]], counts: Sequence[int]) -> dict[str, Any]:
    """Vector infos of consecutive shards as one: arrays joined along the copies, a key a shard lacks left at its
    default (zero, False or None) there with its ``_key`` mask False, nested dicts joined key by key."""
    total = sum(counts)
    keys = list(dict.fromkeys(key for part in parts for key in part))
    merged: dict[str, Any] = {}
    for key in keys:
        values = [part.get(key) for part in parts]
        if any(isinstance(value, dict) for value in values):
            merged[key] = _concatenate_infos([value if isinstance(value, dict) else {} for value in values], counts)
            continue
        arrays = [None if value is None else np.asarray(value) for value in values]
        present = [array for array in arrays if array is not None]
        dtype, tail = present[0].dtype, present[0].shape[1:]
        if all(array.dtype == dtype and array.shape[1:] == tail for array in present):
            joined = np.zeros((total, *tail), dtype=dtype) if dtype != object else np.full((total, *tail), None, dtype=object)
        else:
            dtype, tail = np.dtype(object), ()
            joined = np.full(total, None, dtype=object)
        offset = 0
        for array, count in zip(arrays, counts):
            if array is not None:
                if dtype == object and not tail:
                    for index in range(count):
                        joined[offset + index] = array[index]
                else:
                    joined[offset:offset + count] = array
            offset += count
        merged[key] = joined
    return merged


class RemoteVectorEnv(VectorEnv):
    """``num_envs`` copies of an environment stepped as one batch on one or several RlGym servers.

    Created by :func:`rlgym.make_vec`. Observations, rewards and flags are NumPy arrays with the
    copy index first; infos are dicts of arrays with ``_key`` masks, as Gymnasium's vector envs return.
    ``backend`` says where the server runs the batch ("cpu" or "gpu"), ``vectorization`` how ("soa", "sync", ...,
    auto resolved; None on the GPU), both as the (first) server reports them.

    ``address`` may list several servers (replicas): the copies are then split over them in order (shard k
    holds a contiguous range; the first ``num_envs % len(address)`` shards get one more copy), each reset and
    step goes to every shard at once, and the batches are joined in copy order. With ``reset(seed=s)`` copy i
    gets ``s + i`` over all shards, so the results equal one server's. A failing shard raises the error of its
    status code, its message naming the shard, its address and its copies.

    ``batch_size`` (1 to ``num_envs``) makes the handle asynchronous, as EnvPool's: the server steps copies on all
    its cores as their actions arrive; :meth:`send` hands it actions for some copies and returns at once, and
    :meth:`recv` answers the first ``batch_size`` copies that finished, with their indices in ``info["env_id"]``.
    With ``batch_size == num_envs``, :meth:`step` keeps Gymnasium's meaning (every copy, in copy order).

    ``pipeline=K`` (one server) splits the copies into K handles on one Session stream and writes all K parts of a
    reset or step before reading the first answer, so the server steps one part while this process encodes the next
    and decodes the last: over TCP, large batches spend less time waiting. Results equal ``pipeline=1``'s.
    """

    def __init__(self, env_id: str, num_envs: int, address: str | Sequence[str] = DEFAULT_ADDRESS,
                 autoreset_mode: Any = None, render_mode: str | None = None, max_episode_steps: int | None = None,
                 transport: str = "auto", backend: str = "auto", vectorization: str | None = None,
                 vector_kwargs: dict[str, Any] | None = None, api_key: str | None = None,
                 timeout: float | None = DEFAULT_TIMEOUT_S, retry_budget: float = DEFAULT_RETRY_BUDGET_S,
                 copy: bool = True, batch_size: int | None = None, pipeline: int = 1, **kwargs: Any):
        if not isinstance(num_envs, (int, np.integer)) or num_envs < 1:
            raise codec.InvalidActionTypeError(f"num_envs must be a positive int, got {num_envs!r}")
        backend_code = codec.backend_code(backend)
        vectorization_code = codec.vectorization_code(vectorization)
        addresses = [address] if isinstance(address, str) else list(address)
        if not addresses or not all(isinstance(item, str) for item in addresses):
            raise codec.InvalidActionTypeError(f"address must be a 'host:port' string or a non-empty list of them, got {address!r}")
        self._closed = True
        self._arguments = dict(env_id=env_id, num_envs=num_envs, address=address, autoreset_mode=autoreset_mode,
                               render_mode=render_mode, max_episode_steps=max_episode_steps, transport=transport,
                               backend=backend, vectorization=vectorization, vector_kwargs=vector_kwargs,
                               api_key=api_key, timeout=timeout, retry_budget=retry_budget, copy=copy,
                               batch_size=batch_size, pipeline=pipeline, **kwargs)
        if batch_size is not None and (not isinstance(batch_size, (int, np.integer)) or not 1 <= batch_size <= num_envs):
            raise codec.InvalidActionTypeError(f"batch_size must be an int in [1, num_envs={num_envs}], got {batch_size!r}")
        if batch_size is not None and not isinstance(address, str) and len(address) > 1:
            raise ValueError("batch_size (an asynchronous handle) needs one server; give one address")
        if not isinstance(pipeline, (int, np.integer)) or not 1 <= pipeline <= num_envs:
            raise codec.InvalidActionTypeError(f"pipeline must be an int in [1, num_envs={num_envs}], got {pipeline!r}")
        if pipeline > 1 and (len(addresses) > 1 or batch_size is not None or transport in ("shm", "unary")):
            raise ValueError("pipeline > 1 splits the copies over handles on one server's Session stream: give one "
                             "address, no batch_size, and transport 'auto' or 'stream'")
        self._copy = bool(copy)
        self._shards: list[RemoteHandle] = []
        self._executor: ThreadPoolExecutor | None = None
        self._pipeline: Connection | None = None
        if pipeline > 1:
            # One connection, one stream; each step writes every part's request before reading the first answer.
            addresses, transport = addresses * int(pipeline), "stream"
            self._pipeline = Connection(addresses[0], transport, api_key, timeout, retry_budget)
        addresses = addresses[:int(num_envs)]
        if len(addresses) > 1 and transport == "shm":
            raise ValueError("transport='shm' serves one server on this host; give one address, or use 'stream'")
        if len(addresses) > 1 and transport == "auto":
            transport = "stream"
        counts = _split(int(num_envs), len(addresses))
        self._offsets = [sum(counts[:k]) for k in range(len(counts))]

        def create(k: int) -> RemoteHandle:
            request = env_pb.CreateEnvironmentRequest(
                env_id=env_id, kwargs=codec.python_to_value_map(kwargs), num_envs=counts[k],
                render_mode=render_mode or "", autoreset_mode=_autoreset_code(autoreset_mode),
                backend=backend_code, vectorization=vectorization_code,
                vector_kwargs=codec.python_to_value_map(vector_kwargs), batch_size=int(batch_size or 0))
            if max_episode_steps is not None:
                request.max_episode_steps = int(max_episode_steps)
            return RemoteHandle(addresses[k], transport, request, api_key, timeout, retry_budget, self._pipeline)

        if len(addresses) > 1 and self._pipeline is None:
            self._executor = ThreadPoolExecutor(max_workers=len(addresses), thread_name_prefix="rlgym-shard")
        created: list[RemoteHandle | BaseException] = self._map_all(create, len(addresses))
        failed = [k for k, shard in enumerate(created) if not isinstance(shard, RemoteHandle)]
        if failed:
            for shard in created:
                if isinstance(shard, RemoteHandle):
                    shard.close()
            self._shutdown_executor()
            if self._pipeline is not None:
                self._pipeline.close()
            raise self._shard_error(created[failed[0]], failed[0], addresses, counts)  # type: ignore[arg-type]
        self._shards = created  # type: ignore[assignment]
        self._counts = [int(shard.created.num_envs) for shard in self._shards]
        self._addresses = addresses
        response = self._shards[0].created
        self._closed = False
        self.closed = False
        self._handle = response.handle
        self.num_envs = sum(self._counts)
        self.single_observation_space = codec.space_from_proto(response.observation_space)
        self.single_action_space = codec.space_from_proto(response.action_space)
        self.observation_space = batch_space(self.single_observation_space, self.num_envs)
        self.action_space = batch_space(self.single_action_space, self.num_envs)
        self.metadata = codec.metadata_from_proto(response.metadata)
        self.metadata["autoreset_mode"] = _AUTORESET_MEMBERS.get(response.autoreset_mode, AutoresetMode.NEXT_STEP)
        self.render_mode = response.render_mode or None
        self.spec = served_spec(response.spec, _spec_kwargs({**self._arguments, "num_envs": self.num_envs}))
        self.backend = codec.backend_name(response.backend)
        self.vectorization = codec.vectorization_name(response.vectorization)
        self.is_async = response.batch_size > 0
        self.batch_size = int(response.batch_size) or self.num_envs
        self._all_copies = np.arange(self.num_envs, dtype=np.int32)
        self._reset_rows: tuple[Any, dict[str, Any], int] | None = None

    @property
    def transport(self) -> str:
        """The data path in use: "shm" (shared memory), "stream" or "unary"."""
        if self._shards and self._shards[0].shm is not None:
            return "shm"
        return "unary" if self._shards and self._shards[0].connection.transport_name == "unary" else "stream"

    def _channel(self) -> shm.SharedMemoryChannel | None:
        """The shared memory of the one shard, when attached."""
        if self._closed or len(self._shards) != 1:
            return None
        return self._shards[0].shm

    @property
    def addresses(self) -> list[str]:
        """The server of each shard, in copy order (one entry without sharding)."""
        return list(self._addresses)

    @property
    def shard_sizes(self) -> list[int]:
        """Copies on each shard, in order."""
        return list(self._counts)

    def __enter__(self) -> "RemoteVectorEnv":
        return self

    def __exit__(self, *args: Any) -> bool:
        self.close()
        return False

    def __reduce__(self) -> tuple[Any, tuple[type, dict[str, Any]]]:
        return _reconnect, (type(self), self._arguments)

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        raise TypeError(f"{type(self).__name__} cannot be deep-copied: its state lives on the server. "
                        "pickle.loads(pickle.dumps(env)) creates a fresh one with the same id, kwargs and servers.")

    def _map_all(self, call: Callable[[int], Any], count: int) -> list[Any]:
        """``call(k)`` for every shard, at once when there are several; each result or the exception it raised."""
        def attempt(k: int) -> Any:
            try:
                return call(k)
            except Exception as error:  # noqa: BLE001 - handed back and re-raised by the caller
                return error
        if self._executor is None:
            return [attempt(k) for k in range(count)]
        return list(self._executor.map(attempt, range(count)))

    def _on_every_shard(self, call: Callable[[int], Any]) -> list[Any]:
        if self._closed or not self._shards:
            raise RlGymError("The vector environment is closed", "CANCELLED")
        results = self._map_all(call, len(self._shards))
        for k, result in enumerate(results):
            if isinstance(result, Exception):
                raise self._shard_error(result, k, self._addresses, self._counts)
        return results

    def _sequenced_on_every_shard(self, kind: str, make_request: Callable[[int], Any]) -> list[Any]:
        """A reset or step on every shard: pipelined on the one stream with ``pipeline > 1``, else as
        ``_on_every_shard`` does."""
        if self._pipeline is None:
            return self._on_every_shard(lambda k: self._shards[k].sequenced(kind, make_request(k)))
        if self._closed:
            raise RlGymError("The vector environment is closed", "CANCELLED")
        requests = [shard.prepare(make_request(k)) for k, shard in enumerate(self._shards)]
        results = self._pipeline.call_many(kind, requests)
        for shard, request, result in zip(self._shards, requests, results):
            shard.settle(kind, request, result)
        for k, result in enumerate(results):
            if isinstance(result, Exception):
                raise self._shard_error(result, k, self._addresses, self._counts)
        return results

    @staticmethod
    def _shard_error(error: BaseException, k: int, addresses: Sequence[str], counts: Sequence[int]) -> BaseException:
        """A server error of shard k, its message naming the shard (unsharded: the error as it is)."""
        if len(addresses) == 1 or not isinstance(error, RlGymError):
            return error
        first = sum(counts[:k])
        message = f"shard {k} at {addresses[k]} (copies {first}..{first + counts[k] - 1}): {error}"
        wrapped = type(error)(message, error.code, error.details)
        wrapped.__cause__ = error
        return wrapped

    def _shard_options(self, options: dict[str, Any] | None, k: int) -> dict[str, Any] | None:
        if not options or len(self._shards) == 1 or "reset_mask" not in options:
            return options
        mask = np.asarray(options["reset_mask"])
        if mask.shape != (self.num_envs,):
            raise codec.InvalidActionTypeError(
                f"reset_mask must be a bool array of shape ({self.num_envs},), got shape {mask.shape}")
        return {**options, "reset_mask": mask[self._offsets[k]:self._offsets[k] + self._counts[k]]}

    def reset(self, *, seed: int | list[int] | None = None,
              options: dict[str, Any] | None = None) -> tuple[Any, dict[str, Any]]:
        """Resets every copy; an int seed seeds copy i with ``seed + i``, a list gives one seed per copy."""
        self._reset_rows = None
        if isinstance(seed, (list, tuple)):
            if len(seed) != self.num_envs:
                raise codec.InvalidActionTypeError(f"Expected {self.num_envs} seeds, got {len(seed)}")
            seeds = [_check_seed(item) for item in seed]
        elif seed is not None:
            seed = _check_seed(seed)

        channel = self._channel()
        if channel is not None and not options and not isinstance(seed, (list, tuple)):
            def grpc_reset() -> tuple[str, Any]:
                request = env_pb.ResetRequest()
                if seed is not None:
                    request.seed = seed
                return "reset", request
            result = self._shards[0].ring(shm.OP_RESET, seed, grpc_reset)
            if isinstance(result, bytes):
                info = env_pb.ResetResponse.FromString(result).info if result else {}
                observation = channel.observation
                return (observation.copy() if self._copy else observation), self._infos([info])
            return codec.value_to_python(result.observation), self._infos([result.info])

        def reset_request(k: int) -> Any:
            request = env_pb.ResetRequest(options=codec.python_to_value_map(self._shard_options(options, k)))
            if isinstance(seed, (list, tuple)):
                request.seeds.extend(seeds[self._offsets[k]:self._offsets[k] + self._counts[k]])
            elif seed is not None:
                request.seed = seed + self._offsets[k]
            return request

        responses = self._sequenced_on_every_shard("reset", reset_request)
        return (_concatenate_batches([codec.value_to_python(r.observation) for r in responses]),
                self._infos([r.info for r in responses]))

    def step(self, actions: Any, env_id: Any = None) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
        """Steps every copy: batched ``(observations, rewards, terminations, truncations, infos)``.

        On an asynchronous handle this is EnvPool's ``step``: :meth:`send` then :meth:`recv` in one request (with
        ``batch_size == num_envs`` and no ``env_id``, the rows come back in copy order, as Gymnasium's)."""
        if self.is_async:
            return self._async_step(actions, env_id, env_pb.STEP_PHASE_SEND_AND_RECV)
        if env_id is not None:
            raise ValueError("env_id is for asynchronous vector envs (make_vec(..., batch_size=B)); this one steps every copy")
        channel = self._channel()
        if channel is not None and shm.write_action(channel.action, actions, self.single_action_space, batched=True):
            result = self._shards[0].ring(shm.OP_STEP, None, lambda: (
                "step", env_pb.StepRequest(action=codec.action_to_value(actions, self.single_action_space, batched=True))))
            if isinstance(result, bytes):
                info = env_pb.StepResponse.FromString(result).info if result else {}
                if self._copy:
                    return (channel.observation.copy(), channel.reward.copy(), channel.terminated.copy(),
                            channel.truncated.copy(), self._infos([info]))
                return channel.observation, channel.reward, channel.terminated, channel.truncated, self._infos([info])
            return (codec.value_to_python(result.observation), codec.tensor_to_ndarray(result.reward),
                    codec.tensor_to_ndarray(result.terminated).astype(np.bool_, copy=False),
                    codec.tensor_to_ndarray(result.truncated).astype(np.bool_, copy=False), self._infos([result.info]))
        if len(self._shards) == 1:
            values = [codec.action_to_value(actions, self.single_action_space, batched=True)]
        else:
            count = len(actions) if not isinstance(actions, (dict, tuple)) else None
            if count is not None and count != self.num_envs:
                raise codec.InvalidActionTypeError(f"Expected a batch of {self.num_envs} actions (one per copy), got {count}")
            self._require_discrete_actions_in_range(actions)
            values = [codec.action_to_value(_slice_batch(actions, start, start + size), self.single_action_space, batched=True)
                      for start, size in zip(self._offsets, self._counts)]
        responses = self._sequenced_on_every_shard("step", lambda k: env_pb.StepRequest(action=values[k]))
        return (_concatenate_batches([codec.value_to_python(r.observation) for r in responses]),
                np.concatenate([codec.tensor_to_ndarray(r.reward) for r in responses]),
                np.concatenate([codec.tensor_to_ndarray(r.terminated) for r in responses]).astype(np.bool_, copy=False),
                np.concatenate([codec.tensor_to_ndarray(r.truncated) for r in responses]).astype(np.bool_, copy=False),
                self._infos([r.info for r in responses]))

    def _require_discrete_actions_in_range(self, actions: Any) -> None:
        """Over several handles a part whose action the server rejects would stay behind while the others stepped:
        Discrete ranges (which the environments check) are checked here first, so a rejected step steps no part."""
        space = self.single_action_space
        if not isinstance(space, codec.spaces.Discrete):
            return
        array = np.asarray(actions)
        if np.issubdtype(array.dtype, np.integer):
            outside = np.flatnonzero((array < space.start) | (array >= space.start + space.n))
            if outside.size:
                i = int(outside[0])
                raise codec.InvalidActionTypeError(f"Action {array[i]} of copy {i} is not in the action space {space}: "
                                                   f"expected an integer in [{space.start}, {space.start + space.n - 1}]")

    def send(self, actions: Any, env_id: Any = None) -> None:
        """Hands the server actions for the copies ``env_id`` (default: every copy), one row each, and returns once
        it has queued them (EnvPool's ``send``). Each copy must be idle: reset, and received since it was last sent."""
        self._async_step(actions, env_id, env_pb.STEP_PHASE_SEND)

    def recv(self) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
        """The first ``batch_size`` copies that finished, as ``(observations, rewards, terminations, truncations,
        infos)`` with the copies' indices in ``infos["env_id"]`` (EnvPool's ``recv``). After :meth:`async_reset`, the
        reset observations come first (reward 0, not ended)."""
        if self._reset_rows is not None:
            observations, info, start = self._reset_rows
            rows = self._all_copies[start:start + self.batch_size]
            self._reset_rows = (observations, info, start + len(rows)) if start + len(rows) < self.num_envs else None
            result_info = _take_rows(info, rows)
            result_info["env_id"] = rows.copy()
            return (_take_rows(observations, rows), np.zeros(len(rows)), np.zeros(len(rows), dtype=np.bool_),
                    np.zeros(len(rows), dtype=np.bool_), result_info)
        return self._async_step(None, None, env_pb.STEP_PHASE_RECV)

    def async_reset(self, *, seed: int | list[int] | None = None, options: dict[str, Any] | None = None) -> None:
        """Resets every copy; the next receives answer their first observations, ``batch_size`` at a time, before
        any step (EnvPool's ``async_reset``)."""
        self._require_async("async_reset")
        observations, info = self.reset(seed=seed, options=options)
        self._reset_rows = (observations, info, 0)

    def _require_async(self, what: str) -> None:
        if not self.is_async:
            raise ValueError(f"{what}() needs an asynchronous vector env: make_vec(..., batch_size=B) with 1 <= B <= num_envs")

    def _async_step(self, actions: Any, env_id: Any, phase: int) -> Any:
        self._require_async({env_pb.STEP_PHASE_SEND: "send", env_pb.STEP_PHASE_RECV: "recv"}.get(phase, "step"))
        if self._reset_rows is not None and phase != env_pb.STEP_PHASE_SEND:
            raise ValueError(f"{self._reset_rows[2]} of {self.num_envs} reset observations of async_reset() were "
                             "received: recv() the rest before stepping")
        ids = None
        if env_id is not None:
            ids = np.asarray(env_id).reshape(-1)
            if not np.issubdtype(ids.dtype, np.integer):
                raise codec.InvalidActionTypeError(f"env_id must be integers, got {ids.dtype}")
            if ids.size and (ids.min() < 0 or ids.max() >= self.num_envs):
                bad = ids[(ids < 0) | (ids >= self.num_envs)][0]
                raise codec.InvalidActionTypeError(f"env_id {bad} is out of range: expected [0, {self.num_envs - 1}]")

        def grpc_request() -> tuple[str, Any]:
            request = env_pb.StepRequest(phase=phase)
            if actions is not None:
                request.action.CopyFrom(codec.action_to_value(actions, self.single_action_space, batched=True))
            if ids is not None:
                request.env_ids.extend(int(i) for i in ids)
            return "step", request

        channel = self._channel()
        if channel is not None and (phase == env_pb.STEP_PHASE_RECV or self._write_rows(channel, actions, ids)):
            op = {env_pb.STEP_PHASE_SEND: shm.OP_SEND, env_pb.STEP_PHASE_RECV: shm.OP_RECV}.get(phase, shm.OP_STEP)
            response = self._shards[0].ring(op, None, grpc_request, count=0 if ids is None else len(ids))
            if isinstance(response, bytes):
                return None if phase == env_pb.STEP_PHASE_SEND else self._received_from(channel, response, phase, env_id)
        else:
            response = self._shards[0].sequenced(*grpc_request())
        if phase == env_pb.STEP_PHASE_SEND:
            return None
        env_ids = np.fromiter(response.env_ids, dtype=np.int32, count=len(response.env_ids))
        observations = codec.value_to_python(response.observation)
        rewards = codec.tensor_to_ndarray(response.reward)
        terminations = codec.tensor_to_ndarray(response.terminated).astype(np.bool_, copy=False)
        truncations = codec.tensor_to_ndarray(response.truncated).astype(np.bool_, copy=False)
        return self._received(observations, rewards, terminations, truncations, response.info, env_ids, phase, env_id)

    def _received(self, observations: Any, rewards: np.ndarray, terminations: np.ndarray, truncations: np.ndarray,
                  info_map: Any, env_ids: np.ndarray, phase: int, env_id: Any) -> Any:
        info = self._infos([info_map])
        info["env_id"] = env_ids
        result = observations, rewards, terminations, truncations, info
        if phase == env_pb.STEP_PHASE_SEND_AND_RECV and env_id is None and self.batch_size == self.num_envs:
            return in_copy_order(result)
        return result

    def _write_rows(self, channel: shm.SharedMemoryChannel, actions: Any, ids: np.ndarray | None) -> bool:
        """Writes a send's actions (and copy indices) into the segment's first rows; False when they do not fit the
        block as they are (the request goes over gRPC, whose answer is the server's)."""
        rows = self.num_envs if ids is None else len(ids)
        if not shm.write_action(channel.action[:rows], actions, self.single_action_space, batched=True):
            return False
        if ids is not None:
            channel.blocks["env_ids"][:rows] = ids
        return True

    def _received_from(self, channel: shm.SharedMemoryChannel, payload: bytes, phase: int, env_id: Any) -> Any:
        """A receive's rows, read from the segment (views with ``copy=False``: valid until the next request)."""
        rows = self.batch_size
        fields = [channel.observation[:rows], channel.reward[:rows], channel.terminated[:rows], channel.truncated[:rows]]
        if self._copy:
            fields = [field.copy() for field in fields]
        env_ids = channel.blocks["env_ids"][:rows].astype(np.int32)
        info = env_pb.StepResponse.FromString(payload).info if payload else {}
        return self._received(*fields, info, env_ids, phase, env_id)

    def _infos(self, infos: list[Any]) -> dict[str, Any]:
        parts = [_batched_info(codec.value_map_to_python(info)) for info in infos]
        return parts[0] if len(parts) == 1 else _concatenate_infos(parts, self._counts)

    def render(self) -> tuple[Any, ...] | None:
        """One frame per copy, or None without a render mode."""
        if self._closed or not self._shards:
            raise RlGymError("The vector environment is closed", "CANCELLED")
        if self.render_mode is None:
            return None
        responses = self._on_every_shard(lambda k: self._shards[k].call("render", env_pb.RenderRequest(
            encoding=env_pb.FRAME_ENCODING_RAW)))
        return tuple(_frame_to_python(frame) for response in responses for frame in response.frames)

    def close(self, **kwargs: Any) -> None:
        """Closes the copies on the servers and the connections; safe to call repeatedly."""
        if self._closed:
            return
        self._closed = True
        self.closed = True
        try:
            self._map_all(lambda k: self._shards[k].close(), len(self._shards))
        finally:
            self._shutdown_executor()
            if self._pipeline is not None:
                self._pipeline.close()

    def _shutdown_executor(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False)
            self._executor = None

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown: best effort only
            pass
