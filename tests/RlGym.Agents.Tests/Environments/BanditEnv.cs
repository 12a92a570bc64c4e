using RlGym.Core;
using RlGym.Core.Spaces;

namespace RlGym.Agents.Tests.Environments;

/// <summary>
/// A k-armed bandit as a one-step episodic environment: one state (<c>Discrete(1)</c>), k actions, reward
/// <c>means[a]</c> plus standard normal noise, every step terminates.
/// </summary>
internal sealed class BanditEnv(double[] means) : Env<int, int>(new Discrete(1), new Discrete(means.Length))
{
    protected override ResetResult<int> ResetCore(IReadOnlyDictionary<string, object>? options) => new(0, new Dictionary<string, object>());

    public override StepResult<int> Step(int action)
    {
        RequireValidAction(action);
        return new(0, means[action] + NpRandom.StandardNormal(), true, false, new Dictionary<string, object>());
    }
}
