"""The same-host data path: a handle's batches in shared memory, one small doorbell frame per reset or step.

``AttachSharedMemory`` (see ``protos/rlgym/v1/environments.proto`` and docs/protocol.md) answers an abstract Unix
socket (the doorbell), a token and the layout of a segment. The client connects, sends the token, receives the
segment's descriptor (SCM_RIGHTS), maps it and closes the descriptor: the segment is an anonymous memfd, in no file
system, freed by the kernel once both processes have unmapped it, however either ends. Each step writes the action
into the segment and rings; the server steps the handle (same sequence numbers, errors and stored responses as
gRPC), writes the results into the segment and answers a 16-byte header plus the info (if any).
"""

from __future__ import annotations

import mmap
import os
import select
import socket
import struct
import time
from typing import Any

import grpc
import numpy as np

from rlgym import codec

VERSION = 1
OP_STEP = 1
OP_RESET = 2
OP_SEND = 3  # asynchronous handles: the first `count` rows of action and env_ids (0: every copy)
OP_RECV = 4  # asynchronous handles: the first batch_size rows of the results and env_ids
_REQUEST = struct.Struct("<IIQQQ")
_RESPONSE = struct.Struct("<QII")
_STATUS_BY_NUMBER = {code.value[0]: code for code in grpc.StatusCode}
# How long a request polls for its answer before it sleeps in recv: a small step is answered within tens of
# microseconds, and waking a sleeping process costs about as much again. Only while answers come that fast (a large
# batch's step would only take the core from the server's own threads).
SPIN_SECONDS = 50e-6


class DoorbellLost(Exception):
    """No answer on the doorbell (the server closed it, died, or did not answer in time): the request's fate is
    unknown, so the caller re-sends it over gRPC with the same sequence number."""


class DoorbellError(grpc.RpcError):
    """An error status the server answered on the doorbell: the code and message the RPC would have answered."""

    def __init__(self, status: int, details: str):
        super().__init__(details)
        self._code = _STATUS_BY_NUMBER.get(status, grpc.StatusCode.UNKNOWN)
        self._details = details

    def code(self) -> grpc.StatusCode:
        return self._code

    def details(self) -> str:
        return self._details


def supported() -> bool:
    """Whether this platform can attach (Linux: abstract Unix sockets, SCM_RIGHTS)."""
    return hasattr(socket, "AF_UNIX") and hasattr(socket, "recv_fds") and os.uname().sysname == "Linux"


class SharedMemoryChannel:
    """One attached segment and its doorbell. ``blocks`` maps each block's name to a writable NumPy view of the
    segment; the server rewrites the result blocks on every reset and step."""

    def __init__(self, response: Any, timeout: float | None):
        if response.version != VERSION:
            raise OSError(f"the server's shared-memory layout is version {response.version}; this client knows {VERSION}")
        self._socket: socket.socket | None = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._timeout = timeout
        self._map: mmap.mmap | None = None
        try:
            self._socket.settimeout(max(response.attach_timeout_ms / 1000.0, 1.0))
            self._socket.connect("\0" + response.doorbell)
            self._socket.sendall(response.token)
            header, fds = self._receive_with_descriptor(_RESPONSE.size)
            if not fds:
                raise OSError("the server answered the doorbell without the segment's descriptor")
            try:
                for extra in fds[1:]:
                    os.close(extra)
                self._map = mmap.mmap(fds[0], response.segment_bytes, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE)
            finally:
                os.close(fds[0])
            _, status, length = _RESPONSE.unpack(header)
            if status != 0:
                raise OSError(f"the server refused the attachment (status {status})")
            self._socket.settimeout(timeout)
        except BaseException:
            self.close()
            raise
        self.blocks: dict[str, np.ndarray] = {}
        for block in response.blocks:
            self.blocks[block.name] = np.ndarray(tuple(int(d) for d in block.shape), dtype=codec.numpy_dtype(block.dtype),
                                                 buffer=self._map, offset=int(block.offset))
        self.action = self.blocks["action"]
        self.observation = self.blocks["observation"]
        self.reward = self.blocks["reward"]
        self.terminated = self.blocks["terminated"]
        self.truncated = self.blocks["truncated"]
        self._header = bytearray(_RESPONSE.size)
        self._header_view = memoryview(self._header)
        self._spin = SPIN_SECONDS
        self._poller = select.poll()
        self._poller.register(self._socket, select.POLLIN)

    def _receive_with_descriptor(self, size: int) -> tuple[bytes, list[int]]:
        data, fds, _, _ = socket.recv_fds(self._socket, size, 4)
        if not data:
            raise ConnectionError("the server closed the doorbell while attaching")
        while len(data) < size:
            more = self._socket.recv(size - len(data))
            if not more:
                raise ConnectionError("the server closed the doorbell while attaching")
            data += more
        return data, list(fds)

    def request(self, op: int, sequence: int, seed: int | None = None, count: int = 0) -> bytes:
        """Rings ``op`` with ``sequence`` (and ``seed`` for a reset, ``count`` for a send) and waits for the answer:
        the info payload (b"" when empty). Raises ``DoorbellError`` for an error status and ``DoorbellLost`` when no
        answer came."""
        sock = self._socket
        if sock is None:
            raise DoorbellLost("the doorbell is closed")
        try:
            sock.sendall(_REQUEST.pack(op, 0 if seed is None else 1, sequence, count if seed is None else seed, 0))
            view = self._header_view
            got = self._receive_header(sock, view)
            while got < _RESPONSE.size:
                if got == 0 or (more := sock.recv_into(view[got:])) == 0:
                    raise DoorbellLost("the server closed the shared-memory doorbell")
                got += more
            echoed, status, length = _RESPONSE.unpack(self._header)
            payload = b""
            if length:
                chunks = []
                while length:
                    chunk = sock.recv(length)
                    if not chunk:
                        raise DoorbellLost("the server closed the shared-memory doorbell")
                    chunks.append(chunk)
                    length -= len(chunk)
                payload = b"".join(chunks)
        except OSError as error:  # reset, broken pipe, timeout
            self.close()
            raise DoorbellLost(f"the shared-memory doorbell failed: {error}") from None
        except DoorbellLost:
            self.close()
            raise
        if echoed != sequence:
            self.close()
            raise DoorbellLost(f"the doorbell answered sequence {echoed} while {sequence} was waiting")
        if status != 0:
            raise DoorbellError(status, payload.decode("utf-8", "replace"))
        return payload

    def _receive_header(self, sock: socket.socket, view: memoryview) -> int:
        """The first bytes of the answer: polled for ``SPIN_SECONDS`` while answers come within that, else a sleeping
        receive (which re-enables polling once an answer comes that fast again)."""
        start = time.perf_counter()
        if self._spin:
            deadline, poll = start + self._spin, self._poller.poll
            while not poll(0) and time.perf_counter() < deadline:
                pass
        got = sock.recv_into(view)
        self._spin = SPIN_SECONDS if time.perf_counter() - start < SPIN_SECONDS else 0.0
        return got

    def close(self) -> None:
        """Closes the doorbell (the server frees its side at once) and drops this side's mapping once no view of it
        is left (views handed out with copy=False keep it mapped until they are collected)."""
        sock, self._socket = self._socket, None
        if sock is not None:
            sock.close()
        self.blocks = {}
        mapping, self._map = self._map, None
        if mapping is not None:
            for name in ("action", "observation", "reward", "terminated", "truncated"):
                self.__dict__.pop(name, None)
            try:
                mapping.close()
            except BufferError:
                pass  # views still exported: the mapping goes with the last of them


def write_action(block: np.ndarray, action: Any, space: Any, batched: bool) -> bool:
    """Writes ``action`` into the action block after the checks ``codec.action_to_value`` makes (raising its errors);
    False when the action does not fit the block (another shape, an int beyond int64): the caller sends it over gRPC,
    so the server answers exactly what it answers there."""
    discrete = isinstance(space, codec.spaces.Discrete)
    if discrete and not batched and type(action) is int:  # the hot path
        if -(1 << 63) <= action < (1 << 63):
            block[()] = action
            return True
        return False
    if discrete and not batched:
        codec.action_to_value(action, space)  # raises for what is not an integer scalar
        try:
            block[()] = int(action)
        except OverflowError:
            return False
        return True
    if discrete:
        array = np.asarray(action)
        if not np.issubdtype(array.dtype, np.integer):
            codec.action_to_value(action, space, batched)  # raises the same error
        if array.shape != block.shape or (array.dtype.kind == "u" and array.dtype.itemsize == 8):
            return False
        block[...] = array
        return True
    array = np.asarray(action)
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_):
        codec.action_to_value(action, space, batched)  # raises the same error
    array = np.asarray(array, dtype=block.dtype)
    if array.shape != block.shape:
        return False
    block[...] = array
    return True
