using RlGym.Agents.Common;
using RlGym.Agents.Continuous;
using static TorchSharp.torch;

namespace RlGym.Agents.Tests.Continuous;

public class SquashedGaussianTests
{
    [Fact]
    public void LogProb_AgainstDirectComputation_Matches()
    {
        TorchSetup.EnsureInitialized();
        double[] mean = [0.3, -1.2, 0.0, 2.5];
        double[] logStd = [-0.5, 0.2, -2.0, 0.7];
        double[] noise = [1.1, -0.4, 0.05, -1.9];
        using var scope = NewDisposeScope();
        var m = tensor(mean.Select(v => (float)v).ToArray()).unsqueeze(0);
        var s = tensor(logStd.Select(v => (float)v).ToArray()).unsqueeze(0);
        var e = tensor(noise.Select(v => (float)v).ToArray()).unsqueeze(0);
        var u = m + (s.exp() * e);

        var logProb = SquashedGaussian.LogProb(u, s, e).item<float>();

        // log N(u; μ, σ) − log(1 − tanh²(u)), summed over the action's dimensions.
        double expected = 0;
        for (var j = 0; j < mean.Length; j++)
        {
            var std = Math.Exp(logStd[j]);
            var uj = mean[j] + (std * noise[j]);
            var gaussian = (-0.5 * Math.Pow((uj - mean[j]) / std, 2)) - Math.Log(std) - (0.5 * Math.Log(2 * Math.PI));
            expected += gaussian - Math.Log(1 - Math.Pow(Math.Tanh(uj), 2));
        }

        Assert.Equal(expected, logProb, 3);
    }

    [Fact]
    public void Sample_LargeMeans_StayInsideTheSquashedRangeWithFiniteLogProb()
    {
        TorchSetup.EnsureInitialized();
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);
        var output = tensor(new float[] { 30f, -30f, 100f, 100f }).reshape(2, 2);

        var (action, logProb) = SquashedGaussian.Sample(output, generator);

        Assert.All(action.data<float>().ToArray(), a => Assert.InRange(a, -1f, 1f));
        Assert.All(logProb.data<float>().ToArray(), p => Assert.True(float.IsFinite(p), $"log prob {p}"));
    }

    [Fact]
    public void Split_LogStdOutsideBounds_IsClamped()
    {
        TorchSetup.EnsureInitialized();
        using var scope = NewDisposeScope();
        var output = tensor(new float[] { 0f, 0f, -50f, 9f }).reshape(1, 4);

        var (_, logStd) = SquashedGaussian.Split(output);

        Assert.Equal([(float)SquashedGaussian.LogStdMin, (float)SquashedGaussian.LogStdMax], logStd.data<float>().ToArray());
    }
}
