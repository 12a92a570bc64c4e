using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace RlGym.TestSupport.Environments;

/// <summary>
/// A tiny environment for protocol and server tests: an agent walks a corridor of <c>length</c> cells.
/// </summary>
/// <remarks>
/// <para><b>Description</b>: the agent starts in a random cell left of the goal (the last cell) and moves one cell per step.</para>
/// <para><b>Action Space</b>: <c>Discrete(2)</c>: 0 moves left (not past cell 0), 1 moves right.</para>
/// <para><b>Observation Space</b>: <c>Box(0, length - 1, (1,), float32)</c>: the agent's cell.</para>
/// <para><b>Rewards</b>: 1 on reaching the goal, 0 otherwise (a Python int when <c>int_rewards</c> is true).</para>
/// <para><b>Starting State</b>: a cell drawn uniformly from <c>[0, length - 2]</c> with <c>np_random.integers</c>.</para>
/// <para><b>Episode End</b>: termination on reaching the goal; truncation by the registry's time limit.</para>
/// <para><b>Arguments</b>: <c>length</c> (int, default 5, at least 2); <c>int_rewards</c> (bool, default false);
/// <c>fail_on_step</c> (bool, default false): every step throws, to test how servers report unexpected errors.</para>
/// <para><b>Info</b>: <c>{"position": int, "steps": int}</c>.</para>
/// </remarks>
public sealed class CorridorEnv : Env<float[], int>
{
    private readonly int _length;
    private readonly bool _failOnStep;
    private int _position;
    private long _steps;

    /// <summary>A corridor of <paramref name="length"/> cells.</summary>
    public CorridorEnv(int length = 5, bool intRewards = false, bool failOnStep = false, string? renderMode = null)
        : base(
            new Box<float>(0, length - 1, [1]),
            new Discrete(2),
            new EnvMetadata([RenderModes.Ansi, RenderModes.RgbArray], 4, intRewards ? RewardType.Int : RewardType.Float),
            renderMode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 2);
        _length = length;
        _failOnStep = failOnStep;
    }

    /// <summary>The agent's cell.</summary>
    public int Position => _position;

    /// <inheritdoc />
    protected override ResetResult<float[]> ResetCore(IReadOnlyDictionary<string, object>? options)
    {
        _position = options is not null && options.TryGetValue("start", out var start) && start is long s
            ? (int)s
            : (int)NpRandom.Integers(0, _length - 1);
        _steps = 0;
        return new([_position], Info());
    }

    /// <inheritdoc />
    public override StepResult<float[]> Step(int action)
    {
        RequireValidAction(action);
        if (_failOnStep)
        {
            throw new InvalidOperationException("CorridorEnv was asked to fail on every step.");
        }

        _position = Math.Max(0, _position + (action == 1 ? 1 : -1));
        _steps++;
        var atGoal = _position == _length - 1;
        return new([_position], atGoal ? 1 : 0, atGoal, false, Info());
    }

    /// <inheritdoc />
    public override Rendering? Render() => RenderMode switch
    {
        RenderModes.Ansi => new AnsiText(new string('.', _position) + "A" + new string('.', _length - 2 - _position) + (_position == _length - 1 ? "" : "G")),
        RenderModes.RgbArray => RenderFrame(),
        _ => null,
    };

    private RgbFrame RenderFrame()
    {
        // One 2x2 block per cell: the agent's cell red, the others white.
        var width = 2 * _length;
        var pixels = new byte[2 * width * 3];
        for (var y = 0; y < 2; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var offset = ((y * width) + x) * 3;
                var agent = x / 2 == _position;
                pixels[offset] = 255;
                pixels[offset + 1] = agent ? (byte)0 : (byte)255;
                pixels[offset + 2] = agent ? (byte)0 : (byte)255;
            }
        }

        return new RgbFrame(2, width, pixels);
    }

    private Dictionary<string, object> Info() => new() { ["position"] = (long)_position, ["steps"] = _steps };
}
