using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using RlGym.Agents.Common;
using RlGym.Cli.Commands;
using Microsoft.Extensions.DependencyInjection;
using RlGym.Core.Rendering;
using RlGym.Environments;
using RlGym.TestSupport.Media;
using RlGym.TestSupport.Server;

namespace RlGym.Cli.Tests.Commands;

public sealed class TrainCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rlgym-train-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Invoke_Tabular_WritesMetricsCurveEventsAndALoadableCheckpoint()
    {
        var output = Path.Combine(_dir.FullName, "run");

        var (exitCode, text, error) = await CliRunner.InvokeAsync(
            "train", "q-learning", "Taxi-v3", "--total-steps", "20000", "--out", output, "--eval-every", "5000", "--eval-episodes", "3", "--set", "learning_rate=0.5");

        Assert.True(exitCode == 0, text + error);
        Assert.Contains("final greedy evaluation over 3 episodes", text, StringComparison.Ordinal);
        var csv = File.ReadAllLines(Path.Combine(output, "metrics.csv"));
        Assert.Equal("step,name,value,wall_time", csv[0]);
        Assert.Contains(csv, line => line.Contains(",charts/episodic_return,", StringComparison.Ordinal));
        Assert.Contains(csv, line => line.Contains(",eval/mean_return,", StringComparison.Ordinal));
        var curve = PngDecoder.Decode(File.ReadAllBytes(Path.Combine(output, "learning_curve.png")));
        Assert.True(curve.Width > 100 && curve.Height > 100);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "tb"), "events.out.tfevents.*", SearchOption.AllDirectories));
        using var checkpoint = Checkpoint.Load(Path.Combine(output, "final"));
        Assert.Equal(("q-learning", "Taxi-v3", "0.5"), (checkpoint.Algorithm, checkpoint.EnvId, checkpoint.Options["learning_rate"]));
    }

    [Fact]
    public async Task Invoke_PpoAgainstAServer_TrainsThroughRemoteVectorEnv()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var output = Path.Combine(_dir.FullName, "remote");

        var (exitCode, text, error) = await Task.Run(() => CliRunner.InvokeAsync(
            "train", "ppo", "CartPole-v1", "--total-steps", "1024", "--num-envs", "4", "--out", output, "--server", server.Address.ToString()));

        Assert.True(exitCode == 0, text + error);
        Assert.Contains($"({server.Address}", text, StringComparison.Ordinal);
        Assert.Contains("1,024 steps", text, StringComparison.Ordinal);
        using var checkpoint = Checkpoint.Load(Path.Combine(output, "final"));
        Assert.Equal("ppo", checkpoint.Algorithm);
    }

    [Fact]
    public async Task Invoke_TabularAgainstAServer_StepsSixteenCopiesPerRoundTrip()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        // The server's own step counter: one measurement per step call, its value the copies stepped.
        var meters = server.App.Services.GetRequiredService<IMeterFactory>();
        var copiesPerCall = new ConcurrentQueue<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "rlgym.env.steps")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, copies, _, _) => copiesPerCall.Enqueue(copies));
        listener.Start();
        var output = Path.Combine(_dir.FullName, "remote-tabular");

        var (exitCode, text, error) = await Task.Run(() => CliRunner.InvokeAsync(
            "train", "q-learning", "FrozenLake-v1", "--server", server.Address.ToString(), "--total-steps", "1600", "--eval-episodes", "1", "--out", output));

        Assert.True(exitCode == 0, text + error);
        Assert.Equal(100, copiesPerCall.Count(copies => copies == 16));
        Assert.All(copiesPerCall, copies => Assert.True(copies is 16 or 1, $"{copies} copies in one call")); // evaluation plays one copy
        Assert.Equal(16, JsonNode.Parse(File.ReadAllText(Path.Combine(output, "config.json")))!["num_envs"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invoke_CancelledMidRun_SavesCheckpointCurveAndMetricsSaysWhereAndExits130()
    {
        var output = Path.Combine(_dir.FullName, "interrupted");
        var metrics = Path.Combine(output, "metrics.csv");
        using var interrupt = new CancellationTokenSource();
        var text = new StringWriter();
        var error = new StringWriter();
        var run = Task.Run(() => RlGymCommand.InvokeAsync(
            ["train", "ppo", "CartPole-v1", "--total-steps", "10000000", "--out", output],
            new InvocationConfiguration { Output = text, Error = error },
            interrupt.Token));

        // Episodes have been recorded once the CSV's first 4 KB reach the disk.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!run.IsCompleted && !(File.Exists(metrics) && new FileInfo(metrics).Length > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await interrupt.CancelAsync();
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 130, $"exit {exitCode}: {text}{error}");
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), l => l.StartsWith("Interrupted", StringComparison.Ordinal));
        Assert.Matches(@"^Interrupted at step [1-9][0-9,]*: saved the checkpoint \(final/\), learning curve and metrics to ", line);
        Assert.EndsWith(output, line, StringComparison.Ordinal);
        Assert.DoesNotContain("final greedy evaluation", text.ToString(), StringComparison.Ordinal);
        Assert.Contains(File.ReadAllLines(metrics), l => l.Contains(",charts/episodic_return,", StringComparison.Ordinal));
        Assert.True(PngDecoder.Decode(File.ReadAllBytes(Path.Combine(output, "learning_curve.png"))).Width > 100);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "tb"), "events.out.tfevents.*"));
        using (var checkpoint = Checkpoint.Load(Path.Combine(output, "final")))
        {
            Assert.Equal(("ppo", "CartPole-v1"), (checkpoint.Algorithm, checkpoint.EnvId));
        }

        var (evalExit, evalText, evalError) = await CliRunner.InvokeAsync("eval", Path.Combine(output, "final"), "--episodes", "2");
        Assert.True(evalExit == 0, evalText + evalError);
    }

    [Fact]
    public async Task Invoke_OutHoldsFiles_ExitsTwoNamingItAndForceAndWritesNothing()
    {
        var output = Path.Combine(_dir.FullName, "taken");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");

        var (exitCode, _, error) = await CliRunner.InvokeAsync("train", "q-learning", "FrozenLake-v1", "--total-steps", "100", "--out", output);

        Assert.Equal(2, exitCode);
        Assert.Equal($"rlgym train: --out {output} is not empty (an earlier run?); choose another directory, or add --force to replace the earlier run's files in it.", error.Trim());
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Invoke_ForceOnAnEarlierRun_ReplacesItsFilesAndKeepsOthers()
    {
        var output = Path.Combine(_dir.FullName, "again");
        await CliRunner.TrainFrozenLakeAsync(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");
        var firstEvents = Directory.GetFiles(Path.Combine(output, "tb"));

        var (exitCode, text, error) = await CliRunner.InvokeAsync(
            "train", "q-learning", "FrozenLake-v1", "--total-steps", "3000", "--out", output, "--force", "--set", "learning_rate=0.3");

        Assert.True(exitCode == 0, text + error);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "notes.txt")));
        var events = Assert.Single(Directory.GetFiles(Path.Combine(output, "tb")));
        Assert.DoesNotContain(events, firstEvents);
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(output, "metrics.csv")).Skip(1), l => l.StartsWith("step", StringComparison.Ordinal));
        using var checkpoint = Checkpoint.Load(Path.Combine(output, "final"));
        Assert.Equal("0.3", checkpoint.Options["learning_rate"]);
    }

    [Fact]
    public async Task Invoke_PrintConfig_PrintsThePresetWithOverridesAsJsonAndTrainsNothing()
    {
        var output = Path.Combine(_dir.FullName, "printed");

        var (exitCode, text, error) = await CliRunner.InvokeAsync(
            "train", "ppo", "CartPole-v1", "--print-config", "--num-envs", "3", "--set", "learning_rate=0.002", "--out", output);

        Assert.True(exitCode == 0, text + error);
        var config = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(3, config["num_envs"]!.GetValue<int>());
        Assert.Equal(0.002, config["learning_rate"]!.GetValue<double>());
        Assert.Equal(100_000, config["total_steps"]!.GetValue<long>());
        Assert.Equal(0.98, config["gamma"]!.GetValue<double>());
        Assert.Equal("[64,64]", config["hidden_sizes"]!.ToJsonString());
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Invoke_PrintedConfigFedBack_TrainsWithTheSameConfigAndKeepsItInTheRunDirectory()
    {
        var file = Path.Combine(_dir.FullName, "taxi.json");
        var output = Path.Combine(_dir.FullName, "from-config");
        var (_, printed, _) = await CliRunner.InvokeAsync(
            "train", "q-learning", "Taxi-v3", "--print-config", "--total-steps", "3000", "--set", "learning_rate=0.3", "exploration=boltzmann");
        File.WriteAllText(file, printed);

        var (reprintExit, reprinted, _) = await CliRunner.InvokeAsync("train", "q-learning", "Taxi-v3", "--print-config", "--config", file);
        var (exitCode, text, error) = await CliRunner.InvokeAsync("train", "q-learning", "Taxi-v3", "--config", file, "--out", output);

        Assert.Equal(0, reprintExit);
        Assert.Equal(printed, reprinted);
        Assert.True(exitCode == 0, text + error);
        Assert.Contains("3,000 steps", text, StringComparison.Ordinal);
        Assert.Equal(printed.TrimEnd(), File.ReadAllText(Path.Combine(output, "config.json")));
        using var checkpoint = Checkpoint.Load(Path.Combine(output, "final"));
        Assert.Equal(("0.3", "boltzmann"), (checkpoint.Options["learning_rate"], checkpoint.Options["exploration"]));
    }

    [Fact]
    public async Task Invoke_ConfigAndOverrides_FlagsAndSetWinOverTheFile()
    {
        var file = Path.Combine(_dir.FullName, "partial.json");
        File.WriteAllText(file, "{ \"learning_rate\": 0.5, \"gamma\": 0.9, \"total_steps\": 7000 }");

        var (exitCode, text, error) = await CliRunner.InvokeAsync(
            "train", "q-learning", "FrozenLake-v1", "--print-config", "--config", file, "--set", "gamma=0.95", "--total-steps", "200");

        Assert.True(exitCode == 0, text + error);
        var config = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((0.5, 0.95, 200L), (config["learning_rate"]!.GetValue<double>(), config["gamma"]!.GetValue<double>(), config["total_steps"]!.GetValue<long>()));
    }

    [Theory]
    [InlineData("{ \"learning_rat\": 0.1 }", "Unknown option 'learning_rat' for Tabular; allowed: total_steps, ")]
    [InlineData("{ \"gamma\": \"high\" }", "Option 'gamma' expects a number; got 'high'.")]
    [InlineData("{ \"exploration\": \"greedy\" }", "Option 'exploration' expects one of epsilon-greedy, boltzmann, ucb; got 'greedy'.")]
    [InlineData("[0.1]", "expected a JSON object of option name to value, as --print-config writes it.")]
    public async Task Invoke_BadConfigFile_ExitsTwoInOneLineNamingTheFileTheKeyAndWhatIsAllowed(string json, string message)
    {
        var file = Path.Combine(_dir.FullName, "bad.json");
        File.WriteAllText(file, json);
        var output = Path.Combine(_dir.FullName, "never");

        var (exitCode, _, error) = await CliRunner.InvokeAsync("train", "q-learning", "FrozenLake-v1", "--config", file, "--out", output);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"rlgym train: --config {file}: {message}", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Invoke_ResumeAFinishedRun_ContinuesItsStepCounterAndAppendsToItsMetricsEventsAndConfig()
    {
        var output = Path.Combine(_dir.FullName, "resumed");
        var (firstExit, firstText, firstError) = await CliRunner.InvokeAsync("train", "ppo", "CartPole-v1", "--total-steps", "1024", "--out", output, "--seed", "3");
        Assert.True(firstExit == 0, firstText + firstError);
        var metrics = Path.Combine(output, "metrics.csv");
        var firstMetrics = File.ReadAllText(metrics);

        var (exitCode, text, error) = await CliRunner.InvokeAsync("train", "--resume", output, "--total-steps", "2048");

        Assert.True(exitCode == 0, text + error);
        Assert.Contains("Resuming ppo on CartPole-v1 (local), seed 3, at step 1,024 of 2,048; appending to " + output, text, StringComparison.Ordinal);
        Assert.Contains("2,048 steps in", text, StringComparison.Ordinal);
        var all = File.ReadAllText(metrics);
        Assert.StartsWith(firstMetrics, all, StringComparison.Ordinal);
        var added = CsvMetricWriter.Read(metrics).Skip(firstMetrics.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1).ToArray();
        Assert.Contains(added, row => row.Name == "charts/episodic_return");
        Assert.All(added, row => Assert.InRange(row.Step, 1025, 2048));
        Assert.Single(all.Split('\n'), line => line.StartsWith("step,", StringComparison.Ordinal));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(output, "tb"), "events.out.tfevents.*").Length);
        Assert.Equal(2048, JsonNode.Parse(File.ReadAllText(Path.Combine(output, "config.json")))!["total_steps"]!.GetValue<long>());
        Assert.Equal(2048, ResumePoint.Read(Path.Combine(output, "final")).Steps);
        using var checkpoint = Checkpoint.Load(Path.Combine(output, "final"));
        Assert.Equal(("ppo", "2048"), (checkpoint.Algorithm, checkpoint.Options["total_steps"]));

        var (againExit, _, againError) = await CliRunner.InvokeAsync("train", "ppo", "CartPole-v1", "--resume", output);
        Assert.Equal(2, againExit);
        Assert.Equal($"rlgym train: --resume {output} is at step 2,048 of its total_steps 2,048; give a larger --total-steps to train further.", againError.Trim());
    }

    [Fact]
    public async Task Invoke_ResumeATabularRun_ContinuesItsStepCounterAndEpsilon()
    {
        var output = Path.Combine(_dir.FullName, "tabular");
        var (firstExit, firstText, firstError) = await CliRunner.InvokeAsync(
            "train", "q-learning", "Taxi-v3", "--total-steps", "3000", "--out", output, "--seed", "2", "--set", "exploration_fraction=1");
        Assert.True(firstExit == 0, firstText + firstError);

        var (exitCode, text, error) = await CliRunner.InvokeAsync("train", "--resume", output, "--total-steps", "6000");

        Assert.True(exitCode == 0, text + error);
        Assert.Contains("Resuming q-learning on Taxi-v3 (local), seed 2, at step 3,000 of 6,000; appending to " + output, text, StringComparison.Ordinal);
        Assert.Equal(6000, ResumePoint.Read(Path.Combine(output, "final")).Steps);
        // The first ε the resumed part records is where the (stretched) schedule stands at its step, not a fresh 1.
        var resumed = CsvMetricWriter.Read(Path.Combine(output, "metrics.csv")).First(row => row.Name == "charts/epsilon" && row.Step > 3000);
        Assert.Equal(1 - (0.98 * (resumed.Step - 1) / 6000), resumed.Value, 9); // Taxi's preset decays ε from 1 to 0.02
    }

    [Theory]
    [InlineData(new[] { "dqn", "CartPole-v1" }, "; ALGO dqn conflicts with it (leave ALGO and ENV out, or give the same).")]
    [InlineData(new[] { "ppo", "Acrobot-v1" }, "; ENV Acrobot-v1 conflicts with it (leave ALGO and ENV out, or give the same).")]
    [InlineData(new[] { "--seed", "4" }, "; --seed 4 conflicts with it.")]
    [InlineData(new[] { "--set", "gamma=0.9" }, "; --set cannot be combined with --resume (the run keeps its config.json and directory; only --total-steps raises its budget).")]
    [InlineData(new[] { "--num-envs", "2" }, "; --num-envs cannot be combined with --resume (the run keeps its config.json and directory; only --total-steps raises its budget).")]
    public async Task Invoke_ResumeWithAConflictingOption_ExitsTwoNamingTheSavedRunAndTheOption(string[] extra, string message)
    {
        var output = Path.Combine(_dir.FullName, "saved");
        Directory.CreateDirectory(Path.Combine(output, "final"));
        File.WriteAllText(Path.Combine(output, "final", "training_state.json"), "{\"format\": 1, \"algorithm\": \"ppo\", \"env_id\": \"CartPole-v1\", \"seed\": 3, \"steps\": 512}");

        var (exitCode, _, error) = await CliRunner.InvokeAsync(["train", "--resume", output, "--total-steps", "4096", .. extra]);

        Assert.Equal(2, exitCode);
        Assert.Equal($"rlgym train: --resume {output} continues a ppo run on CartPole-v1 with seed 3{message}", error.Trim());
    }

    [Fact]
    public async Task Invoke_ResumeADirectoryWithoutTrainingState_ExitsTwoSayingWhatIsExpected()
    {
        var (exitCode, _, error) = await CliRunner.InvokeAsync("train", "--resume", _dir.FullName);

        Assert.Equal(2, exitCode);
        Assert.Equal($"rlgym train: --resume {_dir.FullName}: no saved training state (final/training_state.json); expected the directory of a run of q-learning, sarsa, expected-sarsa, dqn, ppo, a2c, reinforce, sac, td3.", error.Trim());
    }

    [Fact]
    public async Task Invoke_NoAlgorithmNorResume_ExitsTwoSayingBothAreNeeded()
    {
        var (exitCode, _, error) = await CliRunner.InvokeAsync("train", "ppo");

        Assert.Equal(2, exitCode);
        Assert.Equal("rlgym train: ALGO and ENV are required (e.g. rlgym train ppo CartPole-v1), unless --resume DIR continues a saved run.", error.Trim());
    }

    [Fact]
    public async Task Invoke_CaptureVideo_WritesAnAnimatedGifEveryNStepsAndAtTheEnd()
    {
        var output = Path.Combine(_dir.FullName, "videos");

        var (exitCode, text, error) = await CliRunner.InvokeAsync(
            "train", "q-learning", "FrozenLake-v1", "--total-steps", "2500", "--capture-video", "1000", "--out", output);

        Assert.True(exitCode == 0, text + error);
        var videos = Directory.GetFiles(Path.Combine(output, "videos")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["rl-video-step-1000.gif", "rl-video-step-2000.gif", "rl-video-step-2500.gif"], videos);
        Assert.All(Directory.GetFiles(Path.Combine(output, "videos")), file =>
        {
            var gif = File.ReadAllBytes(file);
            Assert.True(GifFiles.IsGif89a(gif), file);
            Assert.InRange(GifFiles.CountFrames(gif), 2, 1001);
        });
    }

    [Theory]
    [InlineData("no-such-algo", "CartPole-v1", "rlgym train: Unknown algorithm 'no-such-algo'; known algorithms: q-learning")]
    [InlineData("ppo", "NoSuchEnv-v0", "rlgym train: No environment is registered as 'NoSuchEnv-v0'; registered ids:")]
    public async Task Invoke_UnknownName_ExitsTwoWithOneLineListingTheKnownOnes(string algorithm, string env, string message)
    {
        var (exitCode, _, error) = await CliRunner.InvokeAsync("train", algorithm, env, "--out", Path.Combine(_dir.FullName, "x"));

        Assert.Equal(2, exitCode);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Invoke_UnknownSetKey_NamesTheKeyAndTheAllowedOnes()
    {
        var (exitCode, _, error) = await CliRunner.InvokeAsync(
            "train", "q-learning", "FrozenLake-v1", "--total-steps", "100", "--out", Path.Combine(_dir.FullName, "x"), "--set", "learning_rat=0.1");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("learning_rat", error, StringComparison.Ordinal);
        Assert.Contains("learning_rate", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnparsableSetValue_NamesTheKey()
    {
        var (exitCode, _, error) = await CliRunner.InvokeAsync(
            "train", "q-learning", "FrozenLake-v1", "--total-steps", "100", "--out", Path.Combine(_dir.FullName, "x"), "--set", "gamma=high");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("gamma", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("learning_rate", "--set takes key=value")]
    [InlineData("=0.1", "--set takes key=value")]
    public async Task Invoke_SetWithoutKeyValue_ExplainsTheForm(string pair, string message)
    {
        var (exitCode, _, error) = await CliRunner.InvokeAsync("train", "ppo", "CartPole-v1", "--set", pair);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnreachableServer_ExitsNonZeroWithoutAStackTrace()
    {
        var output = Path.Combine(_dir.FullName, "unreachable");

        var (exitCode, _, error) = await CliRunner.InvokeAsync("train", "ppo", "CartPole-v1", "--server", "http://127.0.0.1:1", "--out", output);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("rlgym train: Cannot reach an RlGym server at http://127.0.0.1:1 (", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("--num-envs", "0", "--num-envs: 0 is out of range; expected an integer >= 1.")]
    [InlineData("--total-steps", "-5", "--total-steps: -5 is out of range; expected an integer >= 1.")]
    [InlineData("--total-steps", "lots", "--total-steps: 'lots' is not a number; expected an integer >= 1.")]
    [InlineData("--eval-every", "-1", "--eval-every: -1 is out of range; expected an integer >= 0.")]
    [InlineData("--eval-episodes", "0", "--eval-episodes: 0 is out of range; expected an integer >= 1.")]
    public async Task Invoke_BadNumber_NamesTheOptionAndRangeAndExitsTwo(string option, string value, string message)
    {
        var (exitCode, _, error) = await CliRunner.InvokeAsync("train", "ppo", "CartPole-v1", option, value);

        Assert.Equal(2, exitCode);
        Assert.Equal([message, "See 'rlgym train --help'."], error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Theory]
    [InlineData("CartPole-v1", "ppo", 3UL, "CartPole-v1_ppo_3")]
    [InlineData("MinAtar/Breakout-v0", "ppo", 0UL, "MinAtar-Breakout-v0_ppo_0")]
    public void DefaultDirectory_Id_IsUnderRunsWithoutSeparators(string env, string algorithm, ulong seed, string name)
    {
        var directory = TrainCommand.DefaultDirectory(env, algorithm, seed);

        Assert.Equal(Path.GetFullPath(Path.Combine("runs", name)), directory);
    }
}
