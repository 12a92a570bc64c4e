using RlGym.Agents.Common;
using RlGym.Core.Spaces;

namespace RlGym.Agents.Tests.Common;

public class ActionDecoderTests
{
    [Fact]
    public void Unscale_SquashedRange_MapsOntoEachDimensionsBounds()
    {
        var decoder = new ActionDecoder(new Box<float>([-2.0, 0.0], [2.0, 10.0]));
        float[] squashed = [-1f, -1f, 0f, 0f, 1f, 1f, 0.5f, -0.5f];
        var actions = new float[squashed.Length];

        decoder.Unscale(squashed, actions);

        Assert.Equal([-2f, 0f, 0f, 5f, 2f, 10f, 1f, 2.5f], actions);
    }

    [Fact]
    public void IsBounded_InfiniteBound_IsFalse()
    {
        Assert.True(new ActionDecoder(new Box<float>(-1.0, 1.0, [2])).IsBounded);
        Assert.False(new ActionDecoder(new Box<float>(double.NegativeInfinity, 1.0, [2])).IsBounded);
        Assert.False(new ActionDecoder(new Discrete(3)).IsBounded);
    }
}
