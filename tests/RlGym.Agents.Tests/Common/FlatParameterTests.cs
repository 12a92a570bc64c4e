using RlGym.Agents.Common;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlGym.Agents.Tests.Common;

public class FlatParameterTests
{
    [Fact]
    public void Leaves_Backward_GradientsLandInTheFlatBufferInPlace()
    {
        using var flat = new Parameter(arange(10, dtype: ScalarType.Float32));
        var leaves = FlatParameter.Leaves(flat, [(0L, new long[] { 2, 3 }), (6L, new long[] { 4 })]);
        using var buffer = flat.grad!;
        using var weights = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        using var biasWeights = tensor(new float[] { 10, 20, 30, 40 });

        using (var loss = (leaves[0] * weights).sum() + (leaves[1] * biasWeights).sum())
        {
            loss.backward();
        }

        // The handle taken before backward sees the gradient: it was written into, not replaced.
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6, 10, 20, 30, 40 }, buffer.data<float>().ToArray());
        Assert.Equal(buffer.data<float>().ToArray(), flat.grad!.data<float>().ToArray());

        // A second backward accumulates; zeroing in place starts over, as the optimisers do.
        using (var loss = leaves[1].sum())
        {
            loss.backward();
        }

        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6, 11, 21, 31, 41 }, buffer.data<float>().ToArray());
        buffer.zero_();
        Assert.All(flat.grad!.data<float>().ToArray(), g => Assert.Equal(0f, g));
        foreach (var leaf in leaves)
        {
            leaf.Dispose();
        }
    }

    [Fact]
    public void Leaves_FlatParameterChangedInPlace_LeavesSeeIt()
    {
        using var flat = new Parameter(zeros(10));
        var leaves = FlatParameter.Leaves(flat, [(0L, new long[] { 2, 3 }), (6L, new long[] { 4 })]);

        using (no_grad())
        using (var ones = ones_like(flat))
        {
            flat.add_(ones); // as an optimiser step or a target-network update does
        }

        Assert.All(leaves[0].data<float>().ToArray(), v => Assert.Equal(1f, v));
        Assert.All(leaves[1].data<float>().ToArray(), v => Assert.Equal(1f, v));
        Assert.True(leaves[0].requires_grad);
        foreach (var leaf in leaves)
        {
            leaf.Dispose();
        }
    }
}
