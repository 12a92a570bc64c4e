using RlGym.Agents.Common;
using TorchSharp;

namespace RlGym.Agents.Tests.Common;

public class TorchSetupTests
{
    [Fact]
    public void EnsureInitialized_LoadsLibTorch_ComputesWithOneThread()
    {
        TorchSetup.EnsureInitialized();

        using var sum = torch.tensor(new float[] { 1, 2, 3 }).sum();

        Assert.Equal(6f, sum.item<float>());
        Assert.Equal(1, torch.get_num_threads());
    }
}
