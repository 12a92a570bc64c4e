using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RlGym.Agents;
using RlGym.Agents.Common;
using RlGym.Agents.Tabular;
using RlGym.Cli.Training;
using RlGym.Core;
using Spectre.Console;

namespace RlGym.Cli.Commands;

/// <summary>
/// <c>rlgym train ALGO ENV [--server ADDR] [--num-envs N] [--total-steps N] [--seed S] [--out DIR] [--force]
/// [--config FILE] [--set key=value ...] [--print-config] [--eval-every N] [--eval-episodes N] [--capture-video N]</c>: trains an agent from <see cref="Algorithms"/> on
/// environments made in process or on a server, and writes to a run directory (<see cref="RunDirectory"/>; default
/// <c>runs/&lt;env&gt;_&lt;algo&gt;_&lt;seed&gt;</c>, never silently reused): the effective hyperparameters in
/// <c>config.json</c> (the form <c>--print-config</c> prints and <c>--config</c> reads), <c>metrics.csv</c>, TensorBoard events in
/// <c>tb/</c>, <c>learning_curve.png</c> and the final checkpoint in <c>final/</c>. Progress goes to standard error: a
/// live Spectre.Console bar on a terminal, a plain line every <see cref="PlainProgressInterval"/> otherwise. Ctrl+C
/// stops training after the current update and saves all of that (exit code 130); a second Ctrl+C ends the process at
/// once. <c>--resume DIR</c> continues a saved run in its directory (<see cref="TrainRequest.ResumeFrom"/>),
/// appending to its metrics and events. Hyperparameters: the algorithm's tuned preset for the environment, then <c>--config</c>'s file, then
/// <c>--num-envs</c> and <c>--total-steps</c>, then <c>--set</c>.
/// </summary>
internal sealed class TrainCommand : Command, ISavesOnInterrupt
{
    /// <summary>How often the plain progress line is written when standard error is not a terminal.</summary>
    public static readonly TimeSpan PlainProgressInterval = TimeSpan.FromSeconds(5);

    // ALGO and ENV may be left out with --resume (the saved run names them), so their presence is checked in Run.
    private readonly Argument<string?> _algorithm = new("ALGO") { Description = $"Algorithm: {string.Join(", ", Algorithms.Names)}.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Argument<string?> _env = new("ENV") { Description = "Environment id, e.g. CartPole-v1.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _server = new("--server") { Description = $"Train against a server (e.g. http://127.0.0.1:50051) instead of in process; all copies go in one step call, and the tabular methods step {TabularOptions.RemoteNumEnvs} copies per call unless num_envs is given." };
    private readonly Option<int?> _numEnvs = new("--num-envs") { Description = "Environment copies stepped together. Default: the preset's.", CustomParser = CliValues.OptionalCount };
    private readonly Option<long?> _totalSteps = new("--total-steps") { Description = "Env steps to train for (all copies together). Default: the preset's.", CustomParser = CliValues.OptionalLongCount };
    private readonly Option<ulong> _seed = new("--seed") { Description = "Seed for the environments, the network and exploration. Default 0." };
    private readonly Option<DirectoryInfo?> _out = new("--out") { Description = "Output directory; it must be missing or empty unless --force. Default runs/<env>_<algo>_<seed>, or the first free _2, _3, ... after it." };
    private readonly Option<bool> _force = new("--force") { Description = "Write into a directory that holds an earlier run: its metrics, events, curve and checkpoint are removed first (other files stay)." };
    private readonly Option<string[]> _set = new("--set")
    {
        Description = "Override a hyperparameter: key=value with the option's snake_case name, e.g. --set learning_rate=0.001 --set gamma=0.98.",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<FileInfo?> _config = new("--config")
    {
        Description = "Load hyperparameters from a JSON file of snake_case key: value (as --print-config writes it, or a run's config.json); --num-envs, --total-steps and --set override it.",
    };

    private readonly Option<DirectoryInfo?> _resume = new("--resume")
    {
        Description = $"Continue the run saved in DIR (finished or stopped by Ctrl+C; {string.Join(", ", Algorithms.Names.Where(n => Algorithms.Create(n).SupportsResume))}) with its config, seed, weights or Q table, optimizer state, normalisation statistics and step counter, appending to its metrics; --total-steps raises its budget. ALGO and ENV may be left out.",
    };

    private readonly Option<bool> _printConfig = new("--print-config") { Description = "Print the hyperparameters this command would train with (preset, --config, --set) as JSON, and exit without training." };

    private readonly Option<long> _evalEvery = new("--eval-every") { Description = "Evaluate greedily every N env steps (0: only at the end). Default 0.", CustomParser = CliValues.NonNegativeLongCount };
    private readonly Option<long> _captureVideo = new("--capture-video")
    {
        Description = "Every N env steps and at the end, play one greedy episode with rgb_array rendering and write it to DIR/videos/rl-video-step-STEP.gif (0: never). Default 0.",
        CustomParser = CliValues.NonNegativeLongCount,
    };

    private readonly Option<int> _evalEpisodes = new("--eval-episodes") { Description = "Episodes per evaluation. Default 10.", DefaultValueFactory = _ => 10, CustomParser = CliValues.Count };

    public TrainCommand()
        : base("train", "Train an agent (q-learning, sarsa, dqn, ppo, ...) locally or against a server; writes metrics, a learning curve and a checkpoint.")
    {
        Add(_algorithm);
        Add(_env);
        Add(_server);
        Add(_numEnvs);
        Add(_totalSteps);
        Add(_seed);
        Add(_out);
        Add(_force);
        Add(_set);
        Add(_config);
        Add(_printConfig);
        Add(_resume);
        Add(_evalEvery);
        Add(_evalEpisodes);
        Add(_captureVideo);
        // Training blocks its thread for minutes (and remote steps wait on a server that may share this process's
        // thread pool): run it on a thread of its own.
        SetAction((parseResult, cancellationToken) => Task.Factory.StartNew(
            () => Run(parseResult, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
    }

    private int Run(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var numEnvs = parseResult.GetValue(_numEnvs);
        var totalSteps = parseResult.GetValue(_totalSteps);
        var evalEvery = parseResult.GetValue(_evalEvery);
        var evalEpisodes = parseResult.GetValue(_evalEpisodes);
        var force = parseResult.GetValue(_force);
        var resume = parseResult.GetValue(_resume)?.FullName;
        var point = resume is null ? null : SavedRun(parseResult, resume);
        var algorithmName = point?.Algorithm ?? parseResult.GetValue(_algorithm);
        var envId = point?.EnvId ?? parseResult.GetValue(_env);
        if (algorithmName is null || envId is null)
        {
            throw new ArgumentException("ALGO and ENV are required (e.g. rlgym train ppo CartPole-v1), unless --resume DIR continues a saved run.");
        }

        var seed = point?.Seed ?? parseResult.GetValue(_seed);
        var algorithm = Algorithms.Create(algorithmName);
        var overrides = resume is null
            ? Overrides(algorithm, envId, parseResult.GetValue(_config), numEnvs, totalSteps, ParseOverrides(parseResult.GetValue(_set) ?? []), remote: parseResult.GetValue(_server) is not null)
            : Overrides(algorithm, envId, new FileInfo(Path.Combine(resume, RunDirectory.ConfigFile)), null, totalSteps, new Dictionary<string, string>(), remote: false);
        // Resolving the config checks every override before anything is written, and gives the progress bar its total.
        var config = algorithm.DescribeOptions(ConfigRequest(envId, overrides));
        var total = config["total_steps"]?.GetValue<long>();
        if (point is not null && total <= point.Steps)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"--resume {resume} is at step {point.Steps:N0} of its total_steps {total:N0}; give a larger --total-steps to train further."));
        }

        var envs = new EnvironmentSource(envId, parseResult.GetValue(_server));
        envs.Validate();
        var captureVideo = parseResult.GetValue(_captureVideo);
        if (captureVideo > 0)
        {
            ValidateVideo(envs);
        }
        if (parseResult.GetValue(_printConfig))
        {
            output.WriteLine(config.ToJsonString(ConfigJson));
            return 0;
        }

        var defaultDirectory = DefaultDirectory(envId, algorithm.Name, seed);
        var directory = resume ?? RunDirectory.Choose(parseResult.GetValue(_out)?.FullName, defaultDirectory, force);
        if (force)
        {
            RunDirectory.Clear(directory);
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, RunDirectory.ConfigFile), config.ToJsonString(ConfigJson));
        using var interrupt = new InterruptSignal(cancellationToken);
        var token = interrupt.Token;
        // Progress goes to standard error, so that standard output (the results) can be redirected on its own: a live
        // bar where that is a terminal that understands ANSI (whatever stdin and stdout are), plain lines otherwise.
        var console = error == Console.Error && !Console.IsErrorRedirected
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes })
            : null;
        var live = console is { Profile.Capabilities.Ansi: true };
        var progress = new TrainingProgress(total, live ? null : error, TimeProvider.System, PlainProgressInterval);
        var curve = new LearningCurve();
        var metrics = Path.Combine(directory, RunDirectory.MetricsFile);
        if (point is not null && File.Exists(metrics))
        {
            // The resumed run's curve starts with the earlier part's episodes and evaluations.
            foreach (var (step, name, value) in CsvMetricWriter.Read(metrics))
            {
                curve.Write(name, value, step);
            }
        }

        var events = Path.Combine(directory, RunDirectory.TensorBoardDirectory);
        TrainResult result;
        bool interrupted;
        try
        {
            using var recorder = new MetricRecorder(new CsvMetricWriter(metrics, append: point is not null), new TensorBoardMetricWriter(events), progress, curve);
            var request = new TrainRequest
            {
                EnvId = envId,
                MakeVectorEnv = envs.MakeVector,
                MakeEvalEnv = () => envs.Make(),
                Seed = seed,
                Overrides = overrides,
                Recorder = recorder,
                OutputDirectory = directory,
                EvalEvery = evalEvery,
                EvalEpisodes = evalEpisodes,
                CaptureVideoEvery = captureVideo,
                MakeVideoEnv = () => envs.Make(RenderModes.RgbArray),
                ResumeFrom = point is null ? null : Path.Combine(directory, RunDirectory.CheckpointDirectory),
            };
            var reused = directory != defaultDirectory && parseResult.GetValue(_out) is null ? $" ({defaultDirectory} holds an earlier run)" : string.Empty;
            output.WriteLine(point is null
                ? $"Training {algorithm.Name} on {envId} ({envs.Where}), seed {seed}; writing to {directory}{reused}"
                : string.Create(CultureInfo.InvariantCulture, $"Resuming {algorithm.Name} on {envId} ({envs.Where}), seed {seed}, at step {point.Steps:N0} of {total:N0}; appending to {directory}"));
            result = live ? TrainLive(console!, algorithm, request, progress, total, token) : algorithm.Train(request, token);
            interrupted = token.IsCancellationRequested;
            output.WriteLine(progress.Describe());
            using var policy = result.Policy;
            if (!interrupted)
            {
                // Interrupted runs skip the final evaluation: the person is waiting for the prompt.
                using var evalEnv = envs.Make();
                var final = Evaluation.Run(policy, evalEnv, evalEpisodes, seed + 1_000_000);
                if (result.Evaluations.Count == 0 || result.Evaluations[^1].Step != result.Steps)
                {
                    // The algorithm did not evaluate the final policy: record this evaluation for the curve and logs.
                    recorder.Record("eval/mean_return", final.MeanReturn, result.Steps);
                }

                var success = final.SuccessRate is { } rate ? string.Create(CultureInfo.InvariantCulture, $", success {rate:P1}") : string.Empty;
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{result.Steps:N0} steps in {result.Elapsed.TotalSeconds:F1} s ({result.Steps / Math.Max(result.Elapsed.TotalSeconds, 1e-9):N0} env-steps/s); final greedy evaluation over {evalEpisodes} episodes: return {final.MeanReturn:G6} ± {final.StdReturn:G4}{success}, mean length {final.MeanLength:G6}"));
            }
        }
        catch (OperationCanceledException)
        {
            // Only where a cancelled call threw before the algorithm could return its policy: nothing to save.
            error.WriteLine($"Interrupted before a checkpoint could be saved; the metrics so far are in {directory}.");
            return interrupt.ExitCode;
        }

        var png = Path.Combine(directory, RunDirectory.CurveFile);
        File.WriteAllBytes(png, curve.ToPng($"{algorithm.Name} on {envId}, seed {seed}"));
        if (interrupted)
        {
            error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Interrupted at step {result.Steps:N0}: saved the checkpoint ({RunDirectory.CheckpointDirectory}/), learning curve and metrics to {directory}"));
            return interrupt.ExitCode;
        }

        output.WriteLine($"Wrote {metrics}, {events}, {png} and the checkpoint {result.CheckpointDirectory ?? Path.Combine(directory, RunDirectory.CheckpointDirectory)}");
        return 0;
    }

    /// <summary>
    /// The saved run <c>--resume</c> names, after checking that the command line does not contradict it: ALGO, ENV and
    /// <c>--seed</c> may be repeated but not changed, and what would change its config or directory is refused.
    /// </summary>
    /// <exception cref="ArgumentException">The directory holds no resumable run, or an option conflicts with it.</exception>
    private ResumePoint SavedRun(ParseResult parseResult, string directory)
    {
        var checkpoint = Path.Combine(directory, RunDirectory.CheckpointDirectory);
        if (!File.Exists(Path.Combine(checkpoint, ResumePoint.ManifestFile)))
        {
            throw new ArgumentException(
                $"--resume {directory}: no saved training state ({RunDirectory.CheckpointDirectory}/{ResumePoint.ManifestFile}); expected the directory of a run of {string.Join(", ", Algorithms.Names.Where(n => Algorithms.Create(n).SupportsResume))}.");
        }

        var point = ResumePoint.Read(checkpoint);
        var saved = $"--resume {directory} continues a {point.Algorithm} run on {point.EnvId} with seed {point.Seed}";
        if (parseResult.GetValue(_algorithm) is { } algorithm && algorithm != point.Algorithm)
        {
            throw new ArgumentException($"{saved}; ALGO {algorithm} conflicts with it (leave ALGO and ENV out, or give the same).");
        }

        if (parseResult.GetValue(_env) is { } env && env != point.EnvId)
        {
            throw new ArgumentException($"{saved}; ENV {env} conflicts with it (leave ALGO and ENV out, or give the same).");
        }

        if (parseResult.GetResult(_seed) is { Implicit: false } && parseResult.GetValue(_seed) != point.Seed)
        {
            throw new ArgumentException($"{saved}; --seed {parseResult.GetValue(_seed)} conflicts with it.");
        }

        foreach (var option in new Option[] { _set, _config, _numEnvs, _out, _force })
        {
            if (parseResult.GetResult(option) is { Implicit: false })
            {
                throw new ArgumentException($"{saved}; {option.Name} cannot be combined with --resume (the run keeps its {RunDirectory.ConfigFile} and directory; only --total-steps raises its budget).");
            }
        }

        return point;
    }

    /// <summary>Fails before training when the environment cannot render the frames <c>--capture-video</c> needs.</summary>
    private static void ValidateVideo(EnvironmentSource envs)
    {
        try
        {
            using var env = envs.Make(RenderModes.RgbArray);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--capture-video: {envs.EnvId} cannot record frames: {CliErrors.Message(e)}", e);
        }
    }

    /// <summary>How a config is written: indented, one key a line.</summary>
    private static readonly JsonSerializerOptions ConfigJson = new() { WriteIndented = true };

    /// <summary>
    /// The overrides a run trains with, in order of precedence: <paramref name="set"/> (<c>--set</c>), then
    /// <paramref name="totalSteps"/> and <paramref name="numEnvs"/>, then the <paramref name="configFile"/>
    /// (<c>--config</c>); the algorithm's preset supplies the rest. Against a server (<paramref name="remote"/>), a
    /// tabular method that is not told its copies steps <see cref="TabularOptions.RemoteNumEnvs"/> per round trip.
    /// </summary>
    /// <exception cref="ArgumentException">The file is missing, not a JSON object, or has an unknown key or a bad value (the message starts with <c>--config FILE:</c> and names the key and what is allowed).</exception>
    internal static IReadOnlyDictionary<string, string> Overrides(
        IAlgorithm algorithm, string envId, FileInfo? configFile, int? numEnvs, long? totalSteps, IReadOnlyDictionary<string, string> set, bool remote)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        if (configFile is not null)
        {
            var file = ReadConfig(algorithm, envId, configFile);
            foreach (var (key, value) in file)
            {
                overrides[key] = value;
            }
        }

        if (numEnvs is { } n)
        {
            overrides["num_envs"] = n.ToString(CultureInfo.InvariantCulture);
        }

        if (totalSteps is { } t)
        {
            overrides["total_steps"] = t.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in set)
        {
            overrides[key] = value;
        }

        if (remote && algorithm is TabularAlgorithm)
        {
            overrides.TryAdd("num_envs", TabularOptions.RemoteNumEnvs.ToString(CultureInfo.InvariantCulture));
        }

        return overrides;
    }

    /// <summary>The <c>--config</c> file's overrides, checked against <paramref name="algorithm"/>'s options on their own so that an error names the file.</summary>
    private static IReadOnlyDictionary<string, string> ReadConfig(IAlgorithm algorithm, string envId, FileInfo file)
    {
        if (!file.Exists)
        {
            throw new ArgumentException($"--config {file.FullName}: no such file; expected a JSON file as --print-config writes it.");
        }

        try
        {
            var overrides = OptionsBinder.OverridesFromJson(File.ReadAllText(file.FullName));
            algorithm.DescribeOptions(ConfigRequest(envId, overrides));
            return overrides;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--config {file.FullName}: {CliErrors.Message(e)}", e);
        }
    }

    /// <summary>A request that only resolves options: no environment is made from it.</summary>
    private static TrainRequest ConfigRequest(string envId, IReadOnlyDictionary<string, string> overrides) => new()
    {
        EnvId = envId,
        MakeVectorEnv = _ => throw new InvalidOperationException("A config request makes no environment."),
        Overrides = overrides,
    };

    /// <summary>Runs training under a live Spectre.Console progress bar on <paramref name="console"/>, fed by <paramref name="progress"/>.</summary>
    private static TrainResult TrainLive(IAnsiConsole console, IAlgorithm algorithm, TrainRequest request, TrainingProgress progress, long? total, CancellationToken cancellationToken) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(progress.Describe()), maxValue: total ?? 1);
                task.IsIndeterminate = total is null;
                progress.Task = task;
                try
                {
                    return algorithm.Train(request, cancellationToken);
                }
                finally
                {
                    progress.Task = null;
                    task.StopTask();
                }
            });

    /// <summary>Parses <c>--set key=value</c> pairs; the algorithm checks the keys and values against its options.</summary>
    /// <exception cref="ArgumentException">A pair without '=' or with an empty key, or a key given twice.</exception>
    internal static IReadOnlyDictionary<string, string> ParseOverrides(IEnumerable<string> pairs)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--set takes key=value (e.g. --set learning_rate=0.001), got '{pair}'.");
            }

            var key = pair[..equals].Trim();
            if (!overrides.TryAdd(key, pair[(equals + 1)..].Trim()))
            {
                throw new ArgumentException($"--set {key} is given twice.");
            }
        }

        return overrides;
    }

    /// <summary><c>runs/&lt;env&gt;_&lt;algo&gt;_&lt;seed&gt;</c>, with characters that cannot be in a file name (MinAtar/...) replaced.</summary>
    internal static string DefaultDirectory(string envId, string algorithm, ulong seed)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{envId}_{algorithm}_{seed}");
        foreach (var c in Path.GetInvalidFileNameChars().Append('/').Append('\\'))
        {
            name = name.Replace(c, '-');
        }

        return Path.GetFullPath(Path.Combine("runs", name));
    }
}
