// Server errors arrive as gRPC status codes; each becomes an error class that carries the server's message.

/** gRPC status codes (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
export const StatusCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

/** Any error the server answered, with its gRPC status code. */
export class RlGymError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** INVALID_ARGUMENT: an action outside the action space, bad kwargs, a malformed value. */
export class InvalidArgumentError extends RlGymError {}
/** NOT_FOUND: an unknown environment id (the message lists the served ids) or handle. */
export class NotFoundError extends RlGymError {}
/** FAILED_PRECONDITION: step before reset, a sequence gap, a render mode not chosen. */
export class FailedPreconditionError extends RlGymError {}
/** RESOURCE_EXHAUSTED: a server limit was reached. */
export class ResourceExhaustedError extends RlGymError {}
/** UNIMPLEMENTED: a feature this server does not provide. */
export class UnimplementedError extends RlGymError {}
/** UNAUTHENTICATED or PERMISSION_DENIED: a missing or unknown API key, an environment or handle the key may not use. */
export class AccessDeniedError extends RlGymError {}
/** UNAVAILABLE or DEADLINE_EXCEEDED: the server could not be reached or did not answer in time. */
export class ConnectionError extends RlGymError {}

/** The error class for a status code. */
export function errorFor(code: number, message: string): RlGymError {
  switch (code) {
    case StatusCode.INVALID_ARGUMENT:
    case StatusCode.OUT_OF_RANGE:
      return new InvalidArgumentError(code, message);
    case StatusCode.NOT_FOUND:
      return new NotFoundError(code, message);
    case StatusCode.FAILED_PRECONDITION:
      return new FailedPreconditionError(code, message);
    case StatusCode.RESOURCE_EXHAUSTED:
      return new ResourceExhaustedError(code, message);
    case StatusCode.UNIMPLEMENTED:
      return new UnimplementedError(code, message);
    case StatusCode.UNAUTHENTICATED:
    case StatusCode.PERMISSION_DENIED:
      return new AccessDeniedError(code, message);
    case StatusCode.UNAVAILABLE:
    case StatusCode.DEADLINE_EXCEEDED:
      return new ConnectionError(code, message);
    default:
      return new RlGymError(code, message);
  }
}
