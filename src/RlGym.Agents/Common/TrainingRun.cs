using System.Diagnostics;
using System.Globalization;
using RlGym.Core;
using RlGym.Core.Rendering;

namespace RlGym.Agents.Common;

/// <summary>
/// The bookkeeping every algorithm shares (SB3's callbacks and logger in one place): the step counter and clock,
/// metrics (SPS about twice a second, each finished episode's return and length), periodic evaluation and videos, the final
/// checkpoint with the <see cref="State"/> a resumed run restores (<see cref="Resume"/>), and the <see cref="TrainResult"/>.
/// </summary>
internal sealed class TrainingRun : IDisposable
{
    private const double SpsInterval = 0.5;

    /// <summary>The longest episode a video records (environments without a time limit would otherwise never end).</summary>
    private const int VideoMaxSteps = 1000;

    private readonly TrainRequest _request;
    private readonly string _algorithm;
    private readonly IReadOnlyDictionary<string, string> _options;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<EvaluationPoint> _evaluations = [];
    private IEnv? _evalEnv;
    private IEnv? _videoEnv;
    private long _nextEvaluation;
    private long _nextVideo;
    private long _lastVideo = -1;
    private double _lastSps;
    private long _stepsAtStart;

    public TrainingRun(TrainRequest request, string algorithm, IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(request);
        _request = request;
        _algorithm = algorithm;
        _options = options;
        _nextEvaluation = request.EvalEvery;
        _nextVideo = request.CaptureVideoEvery;
    }

    public long Steps { get; private set; }

    /// <summary>What the algorithm registered to be saved with the checkpoint and restored by <see cref="Resume"/>.</summary>
    public TrainingState State { get; } = new();

    /// <summary>
    /// When the request resumes a run (<see cref="TrainRequest.ResumeFrom"/>): restores everything registered in
    /// <see cref="State"/> and the step counter, so the algorithm's schedules and loop continue from there. Call once,
    /// after registering and before the first step.
    /// </summary>
    /// <exception cref="InvalidDataException">The saved state is of another run or does not match the networks.</exception>
    public void Resume()
    {
        if (_request.ResumeFrom is not { } directory)
        {
            return;
        }

        Steps = _stepsAtStart = State.Load(directory, _algorithm, _request.EnvId).Steps;
        while (_request.EvalEvery > 0 && _nextEvaluation <= Steps)
        {
            _nextEvaluation += _request.EvalEvery;
        }

        while (_request.CaptureVideoEvery > 0 && _nextVideo <= Steps)
        {
            _nextVideo += _request.CaptureVideoEvery;
        }
    }

    public double WallSeconds => _clock.Elapsed.TotalSeconds;

    public void Record(string name, double value) => _request.Recorder?.Record(name, value, Steps);

    public void EpisodeEnded(double episodeReturn, int length)
    {
        Record(MetricNames.EpisodicReturn, episodeReturn);
        Record(MetricNames.EpisodicLength, length);
    }

    public void AddSteps(long steps)
    {
        Steps += steps;
        var now = WallSeconds;
        if (now - _lastSps >= SpsInterval)
        {
            _lastSps = now;
            Record(MetricNames.Sps, (Steps - _stepsAtStart) / Math.Max(now, 1e-9));
        }
    }

    /// <summary>Evaluates <paramref name="policy"/>, and records a video of it, when the step counter passed the next evaluation or video point.</summary>
    public void MaybeEvaluateAndRecord(IPolicy policy)
    {
        if (_request.CaptureVideoEvery > 0 && Steps >= _nextVideo)
        {
            while (_nextVideo <= Steps)
            {
                _nextVideo += _request.CaptureVideoEvery;
            }

            RecordVideo(policy);
        }

        if (_request.EvalEvery <= 0 || Steps < _nextEvaluation)
        {
            return;
        }

        while (_nextEvaluation <= Steps)
        {
            _nextEvaluation += _request.EvalEvery;
        }

        _evalEnv ??= (_request.MakeEvalEnv ?? throw new InvalidOperationException("TrainRequest.EvalEvery is set but MakeEvalEnv is not: evaluation needs an environment."))();
        var result = Evaluation.Run(policy, _evalEnv, Math.Max(1, _request.EvalEpisodes), _request.Seed + 1_000_000);
        _evaluations.Add(new EvaluationPoint(Steps, WallSeconds, result.MeanReturn, result.StdReturn));
        Record(MetricNames.EvalMeanReturn, result.MeanReturn);
        Record(MetricNames.EvalStdReturn, result.StdReturn);
    }

    /// <summary>Records the final SPS and video, saves the checkpoint when an output directory is set, and builds the result.</summary>
    public TrainResult Finish(IPolicy policy)
    {
        if (_request.CaptureVideoEvery > 0 && _lastVideo != Steps)
        {
            RecordVideo(policy);
        }

        Record(MetricNames.Sps, (Steps - _stepsAtStart) / Math.Max(WallSeconds, 1e-9));
        string? checkpoint = null;
        if (_request.OutputDirectory is { } output)
        {
            checkpoint = Checkpoint.Save(Path.Combine(output, "final"), _algorithm, _request.EnvId, policy, _options);
            if (!State.IsEmpty)
            {
                State.Save(checkpoint, new ResumePoint(_algorithm, _request.EnvId, _request.Seed, Steps));
            }
        }

        _request.Recorder?.Flush();
        return new TrainResult
        {
            Policy = policy,
            Steps = Steps,
            Elapsed = _clock.Elapsed,
            Evaluations = _evaluations.ToArray(),
            CheckpointDirectory = checkpoint,
        };
    }

    public void Dispose()
    {
        _evalEnv?.Dispose();
        _videoEnv?.Dispose();
    }

    /// <summary>Plays one greedy episode (evaluation's first seed) and writes it as <c>videos/rl-video-step-STEP.gif</c>.</summary>
    private void RecordVideo(IPolicy policy)
    {
        var output = _request.OutputDirectory ?? throw new InvalidOperationException("TrainRequest.CaptureVideoEvery is set but OutputDirectory is not: videos need a directory.");
        _videoEnv ??= (_request.MakeVideoEnv ?? throw new InvalidOperationException("TrainRequest.CaptureVideoEvery is set but MakeVideoEnv is not: videos need an environment that renders rgb_array."))();
        var (frames, _) = EpisodeRecording.Play(_videoEnv, _request.Seed + 1_000_000, VideoMaxSteps, observation => policy.Act(observation, deterministic: true));
        var directory = Directory.CreateDirectory(Path.Combine(output, TrainRequest.VideosDirectory)).FullName;
        File.WriteAllBytes(Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"rl-video-step-{Steps}.gif")), EpisodeRecording.ToGif(_videoEnv, frames));
        _lastVideo = Steps;
    }
}
