using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace RlGym.Environments.ToyText;

/// <summary>
/// Gymnasium's tabular toy-text pattern: integer states and actions, a table <c>P[s][a]</c> of outcomes, and exactly one
/// <c>random()</c> draw to pick the start state and one per step to pick the outcome. Derived grid worlds build the
/// table in their constructor (<see cref="SetModel"/>) and draw themselves.
/// </summary>
public abstract class TabularEnv : Env<int, int>, IMemoryEstimate
{
    private Transition[][][] _transitions = [];
    private double[] _initialStateDistribution = [];

    /// <summary>Declares the states (<paramref name="observationSpace"/>) and <paramref name="actionCount"/> actions.</summary>
    protected TabularEnv(Discrete observationSpace, int actionCount, EnvMetadata metadata, string? renderMode)
        : base(observationSpace, new Discrete(actionCount), metadata, renderMode)
    {
    }

    /// <summary>The current state, or -1 before the first reset.</summary>
    public int State { get; private set; } = -1;

    /// <summary>The last action taken in this episode, or null right after a reset.</summary>
    public int? LastAction { get; private set; }

    /// <summary>The outcomes of taking <paramref name="action"/> in <paramref name="state"/> (Gymnasium's <c>P[s][a]</c>).</summary>
    public IReadOnlyList<Transition> TransitionsOf(int state, int action) => _transitions[state][action];

    /// <summary>The transition table's and start distribution's bytes (array headers included), roughly.</summary>
    public long EstimatedBytes { get; private set; }

    /// <summary>Sets the transition table and the start distribution (called once, from the constructor).</summary>
    protected void SetModel(Transition[][][] transitions, double[] initialStateDistribution)
    {
        _transitions = transitions;
        _initialStateDistribution = initialStateDistribution;
        const int arrayHeader = 32;
        var transitionSize = System.Runtime.CompilerServices.Unsafe.SizeOf<Transition>();
        long bytes = arrayHeader + (8L * initialStateDistribution.Length) + arrayHeader + (8L * transitions.Length);
        foreach (var state in transitions)
        {
            bytes += arrayHeader + (8L * state.Length);
            foreach (var outcomes in state)
            {
                bytes += arrayHeader + ((long)transitionSize * outcomes.Length);
            }
        }

        EstimatedBytes = bytes;
    }

    /// <inheritdoc />
    protected override ResetResult<int> ResetCore(IReadOnlyDictionary<string, object>? options)
    {
        State = CategoricalSampler.Sample(_initialStateDistribution, NpRandom);
        LastAction = null;
        return new(State, new Dictionary<string, object> { ["prob"] = 1L });
    }

    /// <inheritdoc />
    public override StepResult<int> Step(int action)
    {
        RequireValidAction(action);
        RequireReset("stepped");
        var (probability, next, reward, terminated) = CategoricalSampler.Sample(_transitions[State][action], NpRandom);
        State = next;
        LastAction = action;
        return new(next, reward, terminated, false, new Dictionary<string, object> { ["prob"] = probability });
    }

    /// <inheritdoc />
    public override Rendering? Render()
    {
        if (RenderMode is null)
        {
            return null;
        }

        RequireReset("rendered");
        return RenderMode == RenderModes.Ansi ? new AnsiText(RenderAnsi()) : RenderRgb();
    }

    /// <summary>The <c>ansi</c> frame.</summary>
    protected abstract string RenderAnsi();

    /// <summary>The <c>rgb_array</c> frame.</summary>
    protected abstract RgbFrame RenderRgb();

    private void RequireReset(string what)
    {
        if (State < 0)
        {
            throw new ResetNeededException($"{GetType().Name.Replace("Env", "", StringComparison.Ordinal)} must be reset before it is {what}.");
        }
    }
}
