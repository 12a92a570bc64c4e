using System.Runtime.InteropServices;

namespace RlGym.Cli;

/// <summary>
/// The first Ctrl+C (SIGINT) or SIGTERM cancels <see cref="Token"/> and is otherwise swallowed, so the command can stop,
/// save and report; a second one is left to the runtime, which ends the process at once (status 130 or 143).
/// <see cref="Token"/> also follows the token the command was given.
/// </summary>
internal sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    /// <summary>Starts listening; <paramref name="cancellationToken"/> cancels <see cref="Token"/> too.</summary>
    public InterruptSignal(CancellationToken cancellationToken)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled by the first signal or by the command's own token.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The first signal received; null when none was (cancelled by the token, or not at all).</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>The exit code for a run this stopped: 143 after SIGTERM, otherwise 130 (<see cref="CliErrors.Interrupted"/>).</summary>
    public int ExitCode => Signal == PosixSignal.SIGTERM ? 128 + 15 : CliErrors.Interrupted;

    /// <summary>Stops listening: later signals get the runtime's default handling.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) == 1)
        {
            context.Cancel = true;
            Signal = context.Signal;
            try
            {
                _source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The command finished as the signal came.
            }
        }
    }
}
