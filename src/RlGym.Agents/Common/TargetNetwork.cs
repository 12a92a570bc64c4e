using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RlGym.Agents.Common;

/// <summary>Target networks of DQN, SAC and TD3: a hard copy or Polyak averaging of an online network's weights.</summary>
internal static class TargetNetwork
{
    /// <summary>
    /// <c>target ← τ·online + (1 − τ)·target</c> for every parameter (a copy when <paramref name="tau"/> ≥ 1). The
    /// two modules must have the same parameter layout (the same class and sizes).
    /// </summary>
    public static void Update(Module target, Module online, double tau)
    {
        using var noGrad = no_grad();
        var onlineParameters = online.parameters().ToArray();
        var targetParameters = target.parameters().ToArray();
        if (tau >= 1)
        {
            for (var k = 0; k < onlineParameters.Length; k++)
            {
                targetParameters[k].copy_(onlineParameters[k]);
            }

            return;
        }

        // Scalars made and disposed here, not left to the finalizer (see ScalarScope).
        using var keep = (1 - tau).ToScalar();
        using var blend = tau.ToScalar();
        for (var k = 0; k < onlineParameters.Length; k++)
        {
            targetParameters[k].mul_(keep).add_(onlineParameters[k], alpha: blend);
        }
    }
}
