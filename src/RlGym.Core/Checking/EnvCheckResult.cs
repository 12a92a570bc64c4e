namespace RlGym.Core.Checking;

/// <summary>One named check of an <see cref="EnvCheckReport"/>.</summary>
/// <param name="Name">Short name, e.g. <c>reset</c>, <c>render rgb_array</c>.</param>
/// <param name="Status">Passed, failed or skipped.</param>
/// <param name="Message">What was checked, or what was wrong and how to fix it.</param>
public sealed record EnvCheckResult(string Name, EnvCheckStatus Status, string Message)
{
    /// <summary>True unless the check failed.</summary>
    public bool Passed => Status != EnvCheckStatus.Failed;

    /// <inheritdoc />
    public override string ToString()
    {
        var tag = Status switch
        {
            EnvCheckStatus.Passed => "PASS",
            EnvCheckStatus.Failed => "FAIL",
            _ => "SKIP",
        };
        return $"[{tag}] {Name}: {Message}";
    }
}
