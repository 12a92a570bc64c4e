"""How requests reach the server: one channel per environment, then either the Session stream
(the default: requests answered in order on one HTTP/2 stream) or one unary call per request."""

from __future__ import annotations

import collections
import itertools
import math
import os
import queue
import random
import threading
import time
import weakref
from typing import Any

import grpc

from rlgym import shm
from rlgym.errors import RlGymError, ServerConnectionError, UnimplementedError, from_rpc_error
from rlgym._proto.rlgym.v1 import environments_pb2 as env_pb
from rlgym._proto.rlgym.v1 import environments_pb2_grpc as env_grpc

# Batched observations outgrow gRPC's 4 MB default quickly; the server answers over-limit requests itself.
MAX_MESSAGE_BYTES = 512 * 1024 * 1024

# How long close() waits for the server to finish a half-closed Session stream before cancelling it.
STREAM_CLOSE_GRACE_S = 1.0

DEFAULT_ADDRESS = "localhost:50051"
"""Where ``rlgym serve`` listens by default."""

DEFAULT_TIMEOUT_S = 30.0
"""How long one request may wait for its answer (the C# and TypeScript clients' default deadline too)."""

DEFAULT_RETRY_BUDGET_S = 30.0
"""How long a request whose fate is unknown is re-sent before the failure reaches the caller (as in the C# and
TypeScript clients)."""

_FIRST_RETRY_WAIT_S, _MAX_RETRY_WAIT_S = 0.05, 1.0

# No answer, so the server may or may not have applied the request: re-sent with the same sequence number.
_FATE_UNKNOWN = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)

_UNARY_METHODS = {
    "create": "CreateEnvironment",
    "reset": "Reset",
    "step": "Step",
    "render": "Render",
    "close": "CloseEnvironment",
    "list": "ListEnvironments",
    "describe": "DescribeEnvironment",
    "status": "GetServerStatus",
    "attach": "AttachSharedMemory",
}

TRANSPORTS = ("auto", "shm", "stream", "unary")
"""``auto``: shared memory for ``unix://`` addresses on Linux (the Session stream where the server cannot attach it),
the Session stream otherwise; ``shm`` forces shared memory (an error where it cannot be attached); ``stream`` and
``unary`` keep gRPC."""


def wants_shared_memory(transport: str, address: str) -> bool:
    """Whether ``transport`` asks for shared memory at ``address`` (``auto``: only for ``unix://`` addresses)."""
    return transport == "shm" or (transport == "auto" and address.startswith("unix:") and shm.supported())


def channel_target(address: str) -> str:
    """The gRPC target for an address: ``host:port``, ``http://host:port`` or ``unix:///path``."""
    for prefix in ("http://", "grpc://"):
        if address.startswith(prefix):
            return address[len(prefix):].rstrip("/")
    if address.startswith("https://"):
        raise ValueError(f"TLS addresses are not supported by this client: {address!r}")
    return address


def _fork_support_enabled() -> bool:
    try:
        from grpc._cython import cygrpc

        return bool(cygrpc.is_fork_support_enabled())
    except (ImportError, AttributeError):
        return False


_FIRST_CHANNEL_PID: int | None = None
"""The process that opened this module's first channel (inherited by a forked child, so it tells one apart)."""


def _check_process(owner_pid: int | None = None) -> None:
    """Fails at once, with what to do, where gRPC would hang or fail: a connection used outside the process that
    made it, or a new channel in a forked child of a process that used gRPC without grpcio's fork support."""
    pid = os.getpid()
    if owner_pid is not None and owner_pid != pid:
        raise RlGymError(f"This environment was created in process {owner_pid} and cannot be used in process {pid} "
                         "(a fork): make environments in the process that uses them, as gymnasium's AsyncVectorEnv and "
                         "SB3's SubprocVecEnv do with env functions, or pickle the env (it reconnects)", "FAILED_PRECONDITION")
    if _FIRST_CHANNEL_PID not in (None, pid) and not _fork_support_enabled():
        raise RlGymError(f"gRPC was in use in the parent process {_FIRST_CHANNEL_PID} when it forked this one, and "
                         "grpcio's fork support is off (grpc was imported before rlgym, or GRPC_ENABLE_FORK_SUPPORT is "
                         "false), so a channel here would hang: use the 'spawn' or 'forkserver' start method "
                         "(AsyncVectorEnv(..., context='spawn'), SubprocVecEnv(..., start_method='spawn')), or set "
                         "GRPC_ENABLE_FORK_SUPPORT=true before grpc is imported", "FAILED_PRECONDITION")


class _TransportError(grpc.RpcError):
    """A failure the transport detects itself, with the status code it stands for."""

    def __init__(self, code: grpc.StatusCode, details: str):
        super().__init__(details)
        self._code = code
        self._details = details

    def code(self) -> grpc.StatusCode:
        return self._code

    def details(self) -> str:
        return self._details


class _Watchdog:
    """One daemon thread that cancels Session streams whose answer is overdue.

    ``next()`` on a stream takes no timeout; arming and disarming here costs a dict update per request instead of
    a timer thread per request. A cancelled stream raises CANCELLED in the waiting caller, which reports it as
    DEADLINE_EXCEEDED (see ``StreamTransport.call``).

    The thread sleeps until the nearest deadline (for ever when none is armed) instead of waking on a period: a
    thread that wakes while the process forks asks for the GIL at that moment, and grpcio's fork handler then waits
    for the GIL in the child for ever.
    """

    def __init__(self) -> None:
        self._forget()
        # A forked child has no watchdog thread, and the lock may have been copied while that thread held it: the
        # child starts with fresh state, or its first stream call would wait forever.
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        self._condition = threading.Condition()
        self._armed: dict[int, tuple[float, Any]] = {}
        self._thread: threading.Thread | None = None
        self._sleeping_until = math.inf

    def arm(self, key: int, timeout: float, call: Any) -> None:
        deadline = time.monotonic() + timeout
        with self._condition:
            self._armed[key] = (deadline, call)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="rlgym-deadlines", daemon=True)
                self._thread.start()
            elif deadline < self._sleeping_until:
                self._condition.notify()  # only an earlier deadline wakes it: one wake-up per timeout, not per call

    def disarm(self, key: int) -> None:
        with self._condition:
            self._armed.pop(key, None)

    def _run(self) -> None:
        while True:
            with self._condition:
                while True:
                    now = time.monotonic()
                    overdue = [(key, call) for key, (deadline, call) in self._armed.items() if deadline <= now]
                    if overdue:
                        break
                    self._sleeping_until = min((deadline for deadline, _ in self._armed.values()), default=math.inf)
                    self._condition.wait(None if self._sleeping_until == math.inf else self._sleeping_until - now)
                self._sleeping_until = now
                for key, _ in overdue:
                    del self._armed[key]
            for _, call in overdue:
                call.cancel()


_WATCHDOG = _Watchdog()


class UnaryTransport:
    """One unary call per request, each with the connection's timeout."""

    def __init__(self, stub: env_grpc.EnvironmentsStub, timeout: float | None = DEFAULT_TIMEOUT_S):
        self._stub = stub
        self._timeout = timeout

    def call(self, kind: str, request: Any) -> Any:
        """Sends one request and returns its response; raises ``grpc.RpcError`` on failure."""
        return getattr(self._stub, _UNARY_METHODS[kind])(request, timeout=self._timeout)

    def close(self) -> None:
        """Nothing to free: calls hold no state."""


class StreamTransport:
    """Lock-step requests on one Session stream, reopened after the server ends it with an error."""

    def __init__(self, stub: env_grpc.EnvironmentsStub, timeout: float | None = DEFAULT_TIMEOUT_S):
        self._stub = stub
        self._timeout = timeout
        self._queue: queue.SimpleQueue | None = None
        self._responses: Any = None
        self._next_id = 1

    def _open(self) -> None:
        requests: queue.SimpleQueue = queue.SimpleQueue()

        def request_iterator():
            while True:
                item = requests.get()
                if item is None:
                    return
                yield item

        self._queue = requests
        self._responses = self._stub.Session(request_iterator())

    def call(self, kind: str, request: Any) -> Any:
        """Sends one request on the stream and waits for its answer; raises ``grpc.RpcError`` on failure."""
        return self._receive(kind, self._send(kind, request))

    def call_many(self, kind: str, requests: list[Any], answered: list[Any]) -> None:
        """Pipelines ``requests``: all are written before the first answer is read, so the server works on one while
        this process encodes the next and decodes the last. Appends each answer to ``answered`` as it is read (what
        was answered before a failure stays there); raises ``grpc.RpcError`` on failure, as ``call``."""
        request_ids = [self._send(kind, request) for request in requests]
        for request_id in request_ids:
            answered.append(self._receive(kind, request_id))

    def _send(self, kind: str, request: Any) -> int:
        if self._responses is None:
            self._open()
        assert self._queue is not None
        request_id = self._next_id
        self._next_id += 1
        message = env_pb.SessionRequest(request_id=request_id)
        getattr(message, kind).CopyFrom(request)
        self._queue.put(message)
        return request_id

    def _receive(self, kind: str, request_id: int) -> Any:
        responses = self._responses
        started = time.monotonic()
        if self._timeout is not None:
            _WATCHDOG.arm(id(self), self._timeout, responses)
        try:
            response = next(responses)
        except grpc.RpcError as error:
            # Cancelled once the deadline has passed: the watchdog did it.
            overdue = (self._timeout is not None and error.code() == grpc.StatusCode.CANCELLED
                       and time.monotonic() - started >= self._timeout)
            self.close()
            if overdue:
                raise _TransportError(grpc.StatusCode.DEADLINE_EXCEEDED,
                                      f"no answer to {kind} request {request_id} within {self._timeout} s") from None
            raise
        except StopIteration:
            self.close()
            raise _TransportError(grpc.StatusCode.UNAVAILABLE, "the server ended the session stream") from None
        finally:
            if self._timeout is not None:
                _WATCHDOG.disarm(id(self))
        if response.request_id != request_id or response.WhichOneof("response") != kind:
            self.close()
            raise RlGymError(f"The server answered request {response.request_id} "
                             f"({response.WhichOneof('response')}) while request {request_id} ({kind}) was "
                             f"waiting: the session stream is out of order", "INTERNAL")
        return getattr(response, kind)

    def close(self) -> None:
        """Ends the stream: half-closes it so the server finishes cleanly, cancels it if the server does not."""
        if self._queue is not None:
            self._queue.put(None)
        responses = self._responses
        if responses is not None:
            deadline = time.monotonic() + STREAM_CLOSE_GRACE_S
            while not responses.done() and time.monotonic() < deadline:
                time.sleep(0.0005)
            responses.cancel()  # no-op once the server has finished
        self._queue = None
        self._responses = None


API_KEY_HEADER = "x-api-key"
"""The request header that carries the API key (the server's ``RlGym:ApiKeyHeader`` default)."""

API_KEY_ENV = "RLGYM_API_KEY"
"""The environment variable read for the API key when none is passed."""


class _CallDetails(collections.namedtuple(
        "_CallDetails", ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression")),
        grpc.ClientCallDetails):
    pass


class _ApiKeyInterceptor(grpc.UnaryUnaryClientInterceptor, grpc.StreamStreamClientInterceptor):
    """Adds the API key header to every call on the channel."""

    def __init__(self, key: str):
        self._header = (API_KEY_HEADER, key)

    def _details(self, details: grpc.ClientCallDetails) -> grpc.ClientCallDetails:
        metadata = list(details.metadata or []) + [self._header]
        return _CallDetails(details.method, details.timeout, metadata, details.credentials,
                            details.wait_for_ready, details.compression)

    def intercept_unary_unary(self, continuation, client_call_details, request):
        return continuation(self._details(client_call_details), request)

    def intercept_stream_stream(self, continuation, client_call_details, request_iterator):
        return continuation(self._details(client_call_details), request_iterator)


class Connection:
    """A channel to one server plus the chosen transport; maps gRPC failures to ``rlgym.errors``.

    ``api_key`` (default: the ``RLGYM_API_KEY`` environment variable) is sent with every call in the
    ``x-api-key`` header; a server that requires one answers ``rlgym.AccessDeniedError`` without it.
    ``timeout`` bounds how long one request waits for its answer (seconds; None waits forever); past it the
    request fails with ``rlgym.ServerConnectionError`` (DEADLINE_EXCEEDED). ``retry_budget`` (seconds; 0: no
    retries) is how long a retried request whose fate is unknown keeps being re-sent, with backoff, before that
    error reaches the caller.
    """

    def __init__(self, address: str, transport: str = "stream", api_key: str | None = None,
                 timeout: float | None = DEFAULT_TIMEOUT_S, retry_budget: float = DEFAULT_RETRY_BUDGET_S):
        if transport not in TRANSPORTS:
            raise ValueError(f"transport must be one of {', '.join(map(repr, TRANSPORTS))}, got {transport!r}")
        if timeout is not None and not timeout > 0:
            raise ValueError(f"timeout must be a positive number of seconds or None (no limit), got {timeout!r}")
        if not retry_budget >= 0:
            raise ValueError(f"retry_budget must be a number of seconds >= 0 (0: no retries), got {retry_budget!r}")
        self.retry_budget = float(retry_budget)
        global _FIRST_CHANNEL_PID
        _check_process()
        if _FIRST_CHANNEL_PID is None:
            _FIRST_CHANNEL_PID = os.getpid()
        self.pid = os.getpid()
        self.timeout = timeout
        self.address = address
        self.transport_name = transport
        self._api_key = api_key if api_key is not None else os.environ.get(API_KEY_ENV)
        self.closed = False
        self._open()

    def _open(self) -> None:
        """A new channel (with a subchannel of its own) and transport."""
        self._channel = grpc.insecure_channel(channel_target(self.address), options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
            # The client retries itself, with sequence numbers. gRPC's own retry layer (1.51) can leave a Session
            # stream opened on a connection that has just gone away waiting forever for a message after its
            # UNAVAILABLE status arrived.
            ("grpc.enable_retries", 0),
            # A dropped connection is reopened for our retries within 50 ms, not after grpc's default 1 s backoff
            # (growing to 2 minutes while connections keep dropping). Not grpc.min_reconnect_backoff_ms: that is also
            # the time a connection attempt gets to finish its handshake (20 s by default).
            ("grpc.initial_reconnect_backoff_ms", 50),
            ("grpc.max_reconnect_backoff_ms", 1000),
            # Channels share no subchannel, so reopening one (see call) really starts a new connection.
            ("grpc.use_local_subchannel_pool", 1),
        ])
        if self._api_key:
            self._channel = grpc.intercept_channel(self._channel, _ApiKeyInterceptor(self._api_key))
        self.stub = env_grpc.EnvironmentsStub(self._channel)
        self._transport: UnaryTransport | StreamTransport = (
            UnaryTransport(self.stub, self.timeout) if self.transport_name == "unary"
            else StreamTransport(self.stub, self.timeout))
        # An open Session stream keeps gRPC waiting at interpreter exit: a connection the caller never closed is
        # closed when it is collected or, at the latest, when the interpreter exits.
        self._finalizer = weakref.finalize(self, _close_transport, self._transport, self._channel, self.pid)

    def call(self, kind: str, request: Any, retry: bool = False) -> Any:
        """Sends ``request``; with ``retry``, re-sends it unchanged (same sequence number) while its fate is unknown
        (UNAVAILABLE, DEADLINE_EXCEEDED): at once, then after 50 ms, twice as long each time up to 1 s (with
        jitter), until it is answered or ``retry_budget`` has passed since its first failure."""
        if self.closed:
            raise RlGymError(f"The connection to {self.address} is closed", "CANCELLED")
        _check_process(self.pid)
        give_up_at: float | None = None  # the budget runs from the first failure: a hung attempt is still re-sent
        wait = 0.0  # a dropped connection is usually back at once: the first retry goes straight away
        for attempt in itertools.count(1):
            try:
                return self._transport.call(kind, request)
            except grpc.RpcError as error:
                if give_up_at is None:
                    give_up_at = time.monotonic() + (self.retry_budget if retry else 0.0)
                pause = wait * random.uniform(0.5, 1.0)
                if error.code() not in _FATE_UNKNOWN or time.monotonic() + pause > give_up_at:
                    raise from_rpc_error(error, self.address) from None
            time.sleep(pause)
            wait = min(max(2 * wait, _FIRST_RETRY_WAIT_S), _MAX_RETRY_WAIT_S)
            if attempt % 3 == 0:
                # grpcio 1.51 can leave a channel whose server went away and came back with a connection that never
                # sends its handshake (seen: a server refusing connections for a few seconds): start afresh.
                self._finalizer()
                self._open()

    def call_many(self, kind: str, requests: list[Any]) -> list[Any]:
        """Sends sequenced ``requests`` (of different handles) pipelined on the Session stream and answers, in order,
        each one's response or the ``RlGymError`` it ended with. Where the stream fails with the fate of the rest
        unknown, each of the rest is re-sent alone with ``call(retry=True)`` (same sequence number: applied once);
        once one of them cannot reach the server, the rest get that error without trying. After any other error the
        server ended the stream, so the requests after the failed one were not applied: they get that error too."""
        if self.closed:
            raise RlGymError(f"The connection to {self.address} is closed", "CANCELLED")
        _check_process(self.pid)
        results: list[Any] = []
        if isinstance(self._transport, StreamTransport):
            try:
                self._transport.call_many(kind, requests, results)
                return results
            except grpc.RpcError as error:
                if error.code() not in _FATE_UNKNOWN:
                    failure = from_rpc_error(error, self.address)
                    return results + [failure] * (len(requests) - len(results))
        unreachable: ServerConnectionError | None = None
        for request in requests[len(results):]:
            if unreachable is not None:
                results.append(unreachable)
                continue
            try:
                results.append(self.call(kind, request, retry=True))
            except ServerConnectionError as error:
                unreachable = error
                results.append(error)
            except RlGymError as error:
                results.append(error)
        return results

    def unary(self, kind: str, request: Any) -> Any:
        """Sends ``request`` as a unary call whatever the transport (listing, describing)."""
        _check_process(self.pid)
        try:
            return getattr(self.stub, _UNARY_METHODS[kind])(request, timeout=self.timeout)
        except grpc.RpcError as error:
            raise from_rpc_error(error, self.address) from None

    def close(self) -> None:
        """Ends the stream and closes the channel; idempotent."""
        if self.closed:
            return
        self.closed = True
        self._finalizer()


def _close_transport(transport: UnaryTransport | StreamTransport, channel: Any, pid: int) -> None:
    if os.getpid() != pid:
        return  # a forked child's copy: the stream, the channel and the handle are the parent's to close
    transport.close()
    channel.close()


class RemoteHandle:
    """One environment (or vector environment) created on one server: its connection, handle and sequence numbers.

    The one place that creates, sequences and closes a handle, for ``RemoteEnv`` and each shard of a
    ``RemoteVectorEnv``. A failed create closes the connection before the error propagates.
    """

    def __init__(self, address: str, transport: str, request: Any, api_key: str | None = None,
                 timeout: float | None = DEFAULT_TIMEOUT_S, retry_budget: float = DEFAULT_RETRY_BUDGET_S,
                 connection: Connection | None = None):
        """``connection``: one shared with other handles (pipelined on its stream; closed by its owner, not here)."""
        self.address = address
        self._owns_connection = connection is None
        self.connection = connection or Connection(address, transport, api_key, timeout, retry_budget)
        self._pending: tuple[str, Any] | None = None
        try:  # retried too: a handle made twice leaves one without a client, freed by the server's lease
            self.created = self.connection.call("create", request, retry=True)
        except BaseException:
            if self._owns_connection:
                self.connection.close()
            raise
        self.handle = self.created.handle
        self.sequence = 0
        self.shm: shm.SharedMemoryChannel | None = None
        if wants_shared_memory(transport, address):
            try:
                self.shm = self._attach(forced=transport == "shm")
            except BaseException:
                self.close()
                raise

    def _attach(self, forced: bool) -> shm.SharedMemoryChannel | None:
        """Attaches the handle's shared memory; None where it cannot be (``auto``: gRPC goes on), an error when forced."""
        if not shm.supported():
            if forced:
                raise UnimplementedError("transport='shm' needs Linux (abstract Unix sockets and SCM_RIGHTS)", "UNIMPLEMENTED")
            return None
        try:
            response = self.connection.unary("attach", env_pb.AttachSharedMemoryRequest(handle=self.handle))
        except UnimplementedError:
            if forced:
                raise
            return None
        try:
            return shm.SharedMemoryChannel(response, self.connection.timeout)
        except OSError as error:
            if forced:
                raise ServerConnectionError(
                    f"Cannot attach shared memory to the RlGym server at {self.address}: {error} (it must run on this "
                    "host, as this user; use transport='stream' otherwise)", "UNAVAILABLE") from None
            return None

    def _complete_pending(self) -> None:
        """Re-sends a request left pending by an exhausted retry budget (see ``sequenced``)."""
        if self._pending is not None:
            pending_kind, pending = self._pending
            try:
                self.connection.call(pending_kind, pending, retry=True)
            except RlGymError as error:
                if not isinstance(error, ServerConnectionError):
                    self._pending = None  # answered after all, with an error: nothing left to complete
                raise
            self._pending = None
            self.sequence = pending.sequence

    def ring(self, op: int, seed: int | None, fallback: Any, count: int = 0) -> Any:
        """A reset or step over shared memory with the next sequence number: the info payload (bytes; the results are
        in ``self.shm``'s blocks). If the doorbell is lost (fate unknown), the handle goes back to gRPC and the same
        request (``fallback()``: kind and request) is re-sent there with the same number, as ``sequenced`` re-sends:
        its gRPC response is returned instead."""
        assert self.shm is not None
        if os.getpid() != self.connection.pid:
            _check_process(self.connection.pid)  # a forked child: the doorbell is the parent's
        self._complete_pending()
        sequence = self.sequence + 1
        try:
            payload = self.shm.request(op, sequence, seed, count)
        except shm.DoorbellError as error:
            raise from_rpc_error(error, self.address) from None
        except shm.DoorbellLost:
            self.shm = None
            kind, request = fallback()
            request.handle = self.handle
            request.sequence = sequence
            try:
                response = self.connection.call(kind, request, retry=True)
            except ServerConnectionError:
                self._pending = (kind, request)
                raise
            self.sequence = sequence
            return response
        self.sequence = sequence
        return payload

    def sequenced(self, kind: str, request: Any) -> Any:
        """Sends a reset or step with the next sequence number, re-sent while its fate is unknown (see
        ``Connection.call``).

        If the retry budget runs out the request stays pending: the next call first re-sends it with its number
        (answered with its stored result if the server had applied it, applied now otherwise; the answer is dropped),
        so the handle's numbers never gap and the env works again once the server is back. A request the server
        rejected leaves its number free.
        """
        self.prepare(request)
        try:
            response = self.connection.call(kind, request, retry=True)
        except ServerConnectionError as error:
            self.settle(kind, request, error)
            raise
        self.settle(kind, request, response)
        return response

    def prepare(self, request: Any) -> Any:
        """Gives ``request`` this handle and the next sequence number (after re-sending a pending request)."""
        self._complete_pending()
        request.handle = self.handle
        request.sequence = self.sequence + 1
        return request

    def settle(self, kind: str, request: Any, result: Any) -> None:
        """Records how a prepared request ended: answered (its number is used), unreachable (it stays pending, see
        ``sequenced``) or rejected (its number stays free)."""
        if isinstance(result, ServerConnectionError):
            self._pending = (kind, request)
        elif not isinstance(result, RlGymError):
            self.sequence = request.sequence

    def call(self, kind: str, request: Any) -> Any:
        """Sends an unsequenced request (render) for this handle, re-sent while its fate is unknown (it changes
        nothing on the server)."""
        request.handle = self.handle
        return self.connection.call(kind, request, retry=True)

    def close(self) -> None:
        """Closes the handle on the server (if it is still there) and the connection; errors are swallowed.

        In a forked child the handle is the parent's: nothing is sent, the parent keeps using it."""
        if os.getpid() != self.connection.pid:
            self.connection.closed = True
            return
        channel, self.shm = getattr(self, "shm", None), None
        if channel is not None:
            channel.close()
        try:  # not retried: if the server is unreachable, its lease frees the handle
            self.connection.call("close", env_pb.CloseEnvironmentRequest(handle=self.handle))
        except (RlGymError, ValueError):
            pass  # already gone on the server (NOT_FOUND) or the server is unreachable: nothing to free
        finally:
            if self._owns_connection:
                self.connection.close()

