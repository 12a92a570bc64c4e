"""Exceptions raised by the client, one per gRPC status code, each a subclass of the builtin a
Python user would catch (``ValueError`` for a bad action, ``LookupError`` for an unknown id, ...).
Every exception carries the server's message in ``details`` and its status name in ``code``.
"""

from __future__ import annotations

import grpc

from rlgym._compat import HAVE_GYMNASIUM, gymnasium


class RlGymError(Exception):
    """Base of every error the server reports."""

    def __init__(self, message: str, code: str = "UNKNOWN", details: str = ""):
        super().__init__(message)
        self.code = code
        self.details = details or message


class InvalidArgumentError(RlGymError, ValueError):
    """INVALID_ARGUMENT: an action outside the action space, bad kwargs or options."""


class EnvNotFoundError(RlGymError, LookupError):
    """NOT_FOUND: an unknown environment id (the message names the available ids) or handle."""


class PreconditionError(RlGymError, RuntimeError):
    """FAILED_PRECONDITION: the call is not allowed in the environment's state."""


if HAVE_GYMNASIUM:
    class ResetNeeded(PreconditionError, gymnasium.error.ResetNeeded):
        """FAILED_PRECONDITION: step (or render) before reset."""
else:
    class ResetNeeded(PreconditionError):  # type: ignore[no-redef]
        """FAILED_PRECONDITION: step (or render) before reset."""


class SequenceError(PreconditionError):
    """FAILED_PRECONDITION: a gap in the per-handle sequence numbers."""


class ResourceExhaustedError(RlGymError, RuntimeError):
    """RESOURCE_EXHAUSTED: a server limit (open handles, copies, message size)."""


class UnimplementedError(RlGymError, NotImplementedError):
    """UNIMPLEMENTED: a feature this server does not provide (named in the message)."""


class AccessDeniedError(RlGymError, PermissionError):
    """UNAUTHENTICATED or PERMISSION_DENIED: missing or wrong credentials, another caller's handle."""


class ServerConnectionError(RlGymError, ConnectionError):
    """UNAVAILABLE or a lost connection: the server cannot be reached."""


_BY_CODE: dict[grpc.StatusCode, type[RlGymError]] = {
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgumentError,
    grpc.StatusCode.OUT_OF_RANGE: InvalidArgumentError,
    grpc.StatusCode.NOT_FOUND: EnvNotFoundError,
    grpc.StatusCode.FAILED_PRECONDITION: PreconditionError,
    grpc.StatusCode.RESOURCE_EXHAUSTED: ResourceExhaustedError,
    grpc.StatusCode.UNIMPLEMENTED: UnimplementedError,
    grpc.StatusCode.UNAUTHENTICATED: AccessDeniedError,
    grpc.StatusCode.PERMISSION_DENIED: AccessDeniedError,
    grpc.StatusCode.UNAVAILABLE: ServerConnectionError,
    grpc.StatusCode.DEADLINE_EXCEEDED: ServerConnectionError,
}


def from_rpc_error(error: grpc.RpcError, address: str) -> RlGymError:
    """The exception for a failed call, carrying the server's message."""
    code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
    details = (error.details() if hasattr(error, "details") else None) or str(error)
    name = code.name if code is not None else "UNKNOWN"
    cls = _BY_CODE.get(code, RlGymError)
    if cls is PreconditionError:
        lowered = details.lower()
        if "sequence" in lowered:
            cls = SequenceError
        elif "reset" in lowered:
            cls = ResetNeeded
    if cls is ServerConnectionError:
        message = f"Lost connection to the RlGym server at {address} ({name}: {details})"
    else:
        message = details
    return cls(message, name, details)
