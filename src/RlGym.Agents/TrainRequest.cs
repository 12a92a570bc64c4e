using RlGym.Agents.Common;
using RlGym.Core;
using RlGym.Core.Vector;

namespace RlGym.Agents;

/// <summary>What to train: the environment (local or remote, the caller decides), the budget, seed, option overrides and logging.</summary>
public sealed record TrainRequest
{
    /// <summary>The directory under <see cref="OutputDirectory"/> that <see cref="CaptureVideoEvery"/> writes its GIFs to.</summary>
    public const string VideosDirectory = "videos";

    /// <summary>The registered id of the environment, e.g. <c>CartPole-v1</c>: selects the tuned preset and is saved in the checkpoint.</summary>
    public required string EnvId { get; init; }

    /// <summary>
    /// Makes the training environment with the given number of copies: locally (<c>Gym.MakeVec</c>) or on a server
    /// (<c>RemoteVectorEnv.Make</c>). It must autoreset next-step (the default). The algorithm disposes it.
    /// </summary>
    public required Func<int, IVectorEnv> MakeVectorEnv { get; init; }

    /// <summary>Makes one environment for periodic evaluation (disposed by the algorithm); used when <see cref="EvalEvery"/> &gt; 0.</summary>
    public Func<IEnv>? MakeEvalEnv { get; init; }

    /// <summary>Environment steps to train for, summed over copies; null: the preset's.</summary>
    public long? TotalSteps { get; init; }

    /// <summary>Number of environment copies; null: the preset's.</summary>
    public int? NumEnvs { get; init; }

    /// <summary>Seeds the environments, the networks' initial weights and every random choice.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Option overrides from <c>--set key=value</c>: keys are the snake_case names of the algorithm's options record
    /// (e.g. <c>learning_rate</c>). An unknown key or unparsable value fails with an <see cref="ArgumentException"/>
    /// naming the key and listing the allowed ones.
    /// </summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();

    /// <summary>Where metrics go (charts/SPS, charts/episodic_return, losses/..., eval/mean_return); none recorded when null.</summary>
    public MetricRecorder? Recorder { get; init; }

    /// <summary>When set, the final checkpoint is written to <c>OutputDirectory/final</c>.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>
    /// A checkpoint directory (<c>OutputDirectory/final</c> of an earlier run of the same algorithm, environment and
    /// options) to continue from: its weights, optimiser state, normalisation statistics and step counter are restored
    /// and training goes on to <see cref="TotalSteps"/>. Only algorithms with <see cref="IAlgorithm.SupportsResume"/>.
    /// </summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Evaluate the greedy policy every this many environment steps (0: never; the final policy is then not evaluated either).</summary>
    public long EvalEvery { get; init; }

    /// <summary>
    /// Record one greedy episode as an animated GIF every this many environment steps and at the end (0: never), into
    /// <c>OutputDirectory/videos/rl-video-step-STEP.gif</c> (<see cref="VideosDirectory"/>); needs <see cref="MakeVideoEnv"/> and <see cref="OutputDirectory"/>.
    /// </summary>
    public long CaptureVideoEvery { get; init; }

    /// <summary>Makes one environment that renders <c>rgb_array</c> frames, for <see cref="CaptureVideoEvery"/> (disposed by the algorithm).</summary>
    public Func<IEnv>? MakeVideoEnv { get; init; }

    /// <summary>Episodes per evaluation.</summary>
    public int EvalEpisodes { get; init; } = 10;
}
