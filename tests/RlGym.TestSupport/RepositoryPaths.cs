namespace RlGym.TestSupport;

/// <summary>Locates the repository root and the shared Gymnasium fixtures beside it.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds RlGym.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared/fixtures/gymnasium</c> next to the checkout (override with RLGYM_FIXTURES).</summary>
    public static string GymnasiumFixtures { get; } =
        Environment.GetEnvironmentVariable("RLGYM_FIXTURES") is { Length: > 0 } dir
            ? dir
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "gymnasium"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RlGym.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"RlGym.sln not found above {AppContext.BaseDirectory}.");
    }
}
