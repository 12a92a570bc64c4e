using RlGym.Cli.Training;

namespace RlGym.Cli.Tests.Training;

public sealed class RunDirectoryTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rlgym-rundir-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Choose_DefaultMissingOrEmpty_IsTheDefault()
    {
        var missing = Path.Combine(_dir.FullName, "CartPole-v1_ppo_0");
        var empty = Directory.CreateDirectory(Path.Combine(_dir.FullName, "empty")).FullName;

        Assert.Equal(missing, RunDirectory.Choose(null, missing, force: false));
        Assert.Equal(empty, RunDirectory.Choose(null, empty, force: false));
    }

    [Fact]
    public void Choose_DefaultHoldsRuns_TakesTheFirstFreeSuffix()
    {
        var run = Path.Combine(_dir.FullName, "CartPole-v1_ppo_0");
        Touch(run);
        Touch(run + "_2");
        Directory.CreateDirectory(run + "_3");

        Assert.Equal(run + "_3", RunDirectory.Choose(null, run, force: false));
        Touch(run + "_3");
        Assert.Equal(run + "_4", RunDirectory.Choose(null, run, force: false));
    }

    [Fact]
    public void Choose_DefaultHoldsARunWithForce_IsTheDefault()
    {
        var run = Path.Combine(_dir.FullName, "CartPole-v1_ppo_0");
        Touch(run);

        Assert.Equal(run, RunDirectory.Choose(null, run, force: true));
    }

    [Fact]
    public void Choose_OutHoldsFiles_ThrowsNamingItAndForceUnlessForced()
    {
        var output = Path.Combine(_dir.FullName, "mine");
        Touch(output);

        var error = Assert.Throws<ArgumentException>(() => RunDirectory.Choose(output, "unused", force: false));

        Assert.Contains($"--out {output} is not empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("--force", error.Message, StringComparison.Ordinal);
        Assert.Equal(output, RunDirectory.Choose(output, "unused", force: true));
    }

    [Fact]
    public void Choose_OutIsAFile_ThrowsSayingSo()
    {
        var file = Path.Combine(_dir.FullName, "file");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<ArgumentException>(() => RunDirectory.Choose(file, "unused", force: true));

        Assert.Equal($"--out {file} is a file; expected a directory.", error.Message);
    }

    [Fact]
    public void Clear_AnEarlierRun_RemovesItsFilesAndKeepsOthers()
    {
        var run = _dir.FullName;
        File.WriteAllText(Path.Combine(run, "config.json"), "{}");
        File.WriteAllText(Path.Combine(run, "metrics.csv"), "x");
        File.WriteAllText(Path.Combine(run, "learning_curve.png"), "x");
        Directory.CreateDirectory(Path.Combine(run, "tb"));
        File.WriteAllText(Path.Combine(run, "tb", "events.out.tfevents.1.host.2.1"), "x");
        Directory.CreateDirectory(Path.Combine(run, "videos"));
        File.WriteAllText(Path.Combine(run, "videos", "rl-video-step-100.gif"), "x");
        Directory.CreateDirectory(Path.Combine(run, "final"));
        File.WriteAllText(Path.Combine(run, "final", "checkpoint.json"), "{}");
        File.WriteAllText(Path.Combine(run, "final", "model.bin"), "x");
        File.WriteAllText(Path.Combine(run, "notes.txt"), "mine");
        Directory.CreateDirectory(Path.Combine(run, "other"));
        File.WriteAllText(Path.Combine(run, "other", "checkpoint.json"), "{}");

        RunDirectory.Clear(run);

        Assert.Equal(["notes.txt", "other"], Directory.GetFileSystemEntries(run).Select(Path.GetFileName).Order());
    }

    private static void Touch(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "metrics.csv"), "step,name,value,wall_time\n");
    }
}
