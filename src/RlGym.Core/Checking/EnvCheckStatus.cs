namespace RlGym.Core.Checking;

/// <summary>Outcome of one environment check.</summary>
public enum EnvCheckStatus
{
    /// <summary>The check ran and found nothing wrong.</summary>
    Passed,

    /// <summary>The check found a problem; the message says what and how to fix it.</summary>
    Failed,

    /// <summary>The check does not apply (e.g. no spec, no render mode); the message says why.</summary>
    Skipped,
}
