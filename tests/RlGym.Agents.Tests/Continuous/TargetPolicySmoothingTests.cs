using RlGym.Agents.Common;
using RlGym.Agents.Continuous;
using static TorchSharp.torch;

namespace RlGym.Agents.Tests.Continuous;

public class TargetPolicySmoothingTests
{
    [Fact]
    public void Apply_LargeNoise_ClipsTheNoiseThenTheAction()
    {
        TorchSetup.EnsureInitialized();
        using var smoothing = new TargetPolicySmoothing(sigma: 0.2, clip: 0.5);
        using var scope = NewDisposeScope();
        var actions = tensor(new float[] { 0f, 0f, 0.9f, -0.9f, 0.1f });
        var noise = tensor(new float[] { 100f, -100f, 10f, -10f, 1f });

        var smoothed = smoothing.Apply(actions, noise).data<float>().ToArray();

        // Noise σ·ε clipped to ±0.5, then the action to [-1, 1]; small noise passes unchanged (0.1 + 0.2·1).
        Assert.Equal([0.5f, -0.5f, 1f, -1f, 0.3f], smoothed.Select(v => MathF.Round(v, 5)).ToArray());
    }
}
