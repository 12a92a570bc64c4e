namespace RlGym.IntegrationTests.Docker;

/// <summary>
/// A test that needs a Docker engine: skipped with the reason when none answers, except in CI (<c>CI=true</c>), where
/// it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerFactAttribute : FactAttribute
{
    /// <summary>Skips the test when no engine answers outside CI.</summary>
    public DockerFactAttribute()
    {
        if (!DockerEngine.IsCi && DockerEngine.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
