namespace RlGym.Core;

/// <summary>Thrown when an environment is stepped (or rendered) before its first reset.</summary>
public sealed class ResetNeededException(string message) : InvalidOperationException(message);

/// <summary>Thrown when an action is not a member of the action space.</summary>
public sealed class InvalidActionException(string message) : ArgumentException(message);

/// <summary>Thrown when an environment id is not registered; the message names the registered ids.</summary>
public sealed class UnknownEnvironmentException(string message) : KeyNotFoundException(message);

/// <summary>
/// Thrown when an asynchronous vector environment is asked out of order: a copy sent again before it was received, or
/// a receive that would wait for copies never sent (see <see cref="Vector.AsyncVectorEnv"/>).
/// </summary>
public sealed class CopyBusyException(string message) : InvalidOperationException(message);
