using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace RlGym.Core.Tests.Checking;

/// <summary>
/// A tiny correct environment (a point pushed left or right on [-1, 1], plus a noise coordinate) that can be told to
/// break one rule, to prove the checker catches it.
/// </summary>
internal sealed class CheckedTestEnv : Env<float[], int>
{
    private static int _instances;
    private readonly EnvFault _fault;
    private readonly int _instance;
    private double _position;
    private double _noise;
    private int _steps;
    private bool _closed;

    public CheckedTestEnv(EnvFault fault = EnvFault.None, string? renderMode = null)
        : base(
            new Box<float>(-2, 2, [2]),
            new Discrete(2),
            new EnvMetadata([RenderModes.RgbArray, RenderModes.Ansi], 30),
            renderMode)
    {
        _fault = fault;
        _instance = Interlocked.Increment(ref _instances);
    }

    public override StepResult<float[]> Step(int action)
    {
        if (_fault != EnvFault.AcceptsInvalidAction)
        {
            RequireValidAction(action);
        }

        _position += action == 1 ? 0.1 : -0.1;
        _noise = NpRandom.Uniform(-0.05, 0.05);
        _steps++;
        var terminated = Math.Abs(_position) > 1;
        var truncated = _fault == EnvFault.OwnTimeLimit && _steps >= 10;
        return new StepResult<float[]>(Observation(), 1.0, terminated, truncated, EnvInfo.Empty);
    }

    public override Core.Rendering.Rendering? Render()
    {
        switch (RenderMode)
        {
            case RenderModes.RgbArray when _fault == EnvFault.RenderWrongKind:
                return new AnsiText("not a frame");
            case RenderModes.RgbArray:
                var width = _fault == EnvFault.RenderSizeChanges && _steps > 0 ? 7 : 6;
                return new RgbFrame(4, width, new byte[4 * width * 3]);
            case RenderModes.Ansi:
                return new AnsiText($"position {_position:F2}\n");
            default:
                return null;
        }
    }

    public override void Close()
    {
        if (_fault == EnvFault.CloseTwiceThrows && _closed)
        {
            throw new ObjectDisposedException(nameof(CheckedTestEnv));
        }

        _closed = true;
    }

    protected override ResetResult<float[]> ResetCore(IReadOnlyDictionary<string, object>? options)
    {
        _position = NpRandom.Uniform(-0.05, 0.05);
        _noise = NpRandom.Uniform(-0.05, 0.05);
        if (_fault == EnvFault.NonDeterministic)
        {
            _position += _instance * 1e-3;
        }

        _steps = 0;
        return new ResetResult<float[]>(Observation(), EnvInfo.Empty);
    }

    private float[] Observation()
    {
        var position = _fault switch
        {
            EnvFault.ObservationOutsideSpace => _position + 5,
            EnvFault.NaNObservation when _steps >= 3 => double.NaN,
            _ => _position,
        };
        return [(float)position, (float)_noise];
    }
}
