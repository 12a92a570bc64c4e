using RlGym.Core;
using RlGym.Core.Spaces;

namespace RlGym.Agents.Tests.Environments;

/// <summary>
/// A one-step continuous task: observe a target <c>x ~ U(-1, 1)</c> (<c>Box(-1, 1, (1,))</c>), act with
/// <c>a ∈ Box(-2, 2, (1,))</c>, receive <c>−(a − 2x)²</c>, and the episode terminates. The best policy (<c>a = 2x</c>)
/// scores 0; uniformly random actions score −8/3 on average.
/// </summary>
internal sealed class TargetReachEnv() : Env<float[], float[]>(new Box<float>(-1.0, 1.0, [1]), new Box<float>(-2.0, 2.0, [1]))
{
    private float _target;

    protected override ResetResult<float[]> ResetCore(IReadOnlyDictionary<string, object>? options)
    {
        _target = (float)NpRandom.Uniform(-1, 1);
        return new([_target], new Dictionary<string, object>());
    }

    public override StepResult<float[]> Step(float[] action)
    {
        RequireValidAction(action);
        var error = action[0] - (2 * _target);
        return new([_target], -(error * error), true, false, new Dictionary<string, object>());
    }
}
