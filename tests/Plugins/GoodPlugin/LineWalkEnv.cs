using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace GoodPlugin;

/// <summary>
/// A well-behaved plugin environment: an agent on a line of <c>length</c> cells walks to the last one.
/// Observation <c>Discrete(length)</c> (its cell), action <c>Discrete(2)</c> (0 left, 1 right), reward 1 on reaching
/// the last cell (terminated), start cell drawn from <c>NpRandom.Integers(0, length - 1)</c>, info <c>{"cell": int}</c>.
/// </summary>
public sealed class LineWalkEnv : Env<int, int>
{
    private readonly int _length;
    private int _cell;

    /// <summary>A line of <paramref name="length"/> cells.</summary>
    public LineWalkEnv(int length, string? renderMode)
        : base(new Discrete(length), new Discrete(2), new EnvMetadata([RenderModes.Ansi, RenderModes.RgbArray], 4), renderMode)
    {
        _length = length;
    }

    /// <inheritdoc />
    protected override ResetResult<int> ResetCore(IReadOnlyDictionary<string, object>? options)
    {
        _cell = (int)NpRandom.Integers(0, _length - 1);
        return new(_cell, new Dictionary<string, object> { ["cell"] = (long)_cell });
    }

    /// <inheritdoc />
    public override StepResult<int> Step(int action)
    {
        RequireValidAction(action);
        _cell = Math.Clamp(_cell + (action == 1 ? 1 : -1), 0, _length - 1);
        var done = _cell == _length - 1;
        return new(_cell, done ? 1 : 0, done, false, new Dictionary<string, object> { ["cell"] = (long)_cell });
    }

    /// <inheritdoc />
    public override Rendering? Render() => RenderMode switch
    {
        RenderModes.Ansi => new AnsiText(new string('.', _cell) + "A" + new string('.', _length - 1 - _cell)),
        RenderModes.RgbArray => new RgbFrame(1, _length, Enumerable.Range(0, _length).SelectMany(x => x == _cell ? new byte[] { 255, 0, 0 } : [255, 255, 255]).ToArray()),
        _ => null,
    };
}
