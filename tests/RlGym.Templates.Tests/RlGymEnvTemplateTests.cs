using System.Diagnostics;
using System.Globalization;
using RlGym.Core.Checking;
using RlGym.Server.Plugins;
using RlGym.TestSupport;

namespace RlGym.Templates.Tests;

/// <summary>
/// SLOW (a few minutes: packs RlGym.Core, restores from NuGet, builds and tests a generated solution). Run alone with
/// <c>dotnet test tests/RlGym.Templates.Tests</c>; it needs the dotnet SDK on PATH and access to nuget.org (or its mirror).
/// </summary>
public sealed class RlGymEnvTemplateTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void DotnetNewRlGymEnv_Instantiated_BuildsPassesItsTestsAndLoadsAsPlugin()
    {
        var root = Path.Combine(Path.GetTempPath(), "rlgym-template-" + Guid.NewGuid().ToString("N"));
        var hive = Path.Combine(root, "hive");
        var feed = Path.Combine(root, "feed");
        var work = Path.Combine(root, "work");
        Directory.CreateDirectory(work);
        // A version of its own, so a RlGym.Core 0.1.0 cached by an earlier run can never stand in for this build.
        var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        try
        {
            // Packed from a copy, so the repository's bin and obj (maybe in use by other test runs) stay untouched.
            var core = CopyCoreSources(Path.Combine(root, "repo"));
            Dotnet(core, "pack", "-c", "Release", "-o", feed, $"-p:Version={version}");
            Dotnet(root, "new", "install", Path.Combine(RepositoryPaths.Root, "src", "RlGym.Templates", "content", "rlgym-env"), "--debug:custom-hive", hive);
            Dotnet(work, "new", "rlgym-env", "-n", "CatQuest", "--RlGymVersion", version, "--debug:custom-hive", hive);
            var project = Path.Combine(work, "CatQuest");
            File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """);

            var test = Dotnet(project, "test", "CatQuest.Tests");
            // VSTest's summary: "Passed!  - Failed:     0, Passed:     5, Skipped:     0, Total:     5, ...".
            Assert.Matches(@"Passed!\s+- Failed:\s+0, Passed:\s+5, Skipped:\s+0", test);

            // The generated library is a plugin the host loads against its own RlGym.Core, batched variants included.
            var plugin = PluginAssembly.Register(Path.Combine(project, "CatQuest.Tests", "bin", "Debug", "net10.0", "CatQuest.dll"));
            Assert.Empty(plugin.Failures);
            Assert.Equal(["sync", "parallel", "soa", "fast"], plugin.Registry.Vectorizations("CatQuest-v0"));
            var report = PluginEnvChecker.Check(plugin.Registry, "CatQuest-v0");
            Assert.True(report.Passed, report.ToString());
            Assert.Equal(EnvCheckStatus.Passed, report[VariantChecker.SoaCheckName].Status);
            Assert.Equal(EnvCheckStatus.Passed, report[VariantChecker.FastCheckName].Status);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Build servers may still hold files; the temp folder is the OS's to clean.
            }
        }
    }

    // src/RlGym.Core (without bin and obj) and the repository-wide build files it needs; returns the project folder.
    private static string CopyCoreSources(string destination)
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
        {
            Directory.CreateDirectory(destination);
            File.Copy(Path.Combine(RepositoryPaths.Root, file), Path.Combine(destination, file));
        }

        var source = Path.Combine(RepositoryPaths.Root, "src", "RlGym.Core");
        var target = Path.Combine(destination, "src", "RlGym.Core");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        return target;
    }

    private static string Dotnet(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // No build servers left behind by the test, and no first-run banner in the output.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} did not finish in 10 minutes.");
        }

        var all = output + error.Result;
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited {process.ExitCode} in {directory}:{Environment.NewLine}{all}");
        return all;
    }
}
