using RlGym.Core.Rendering;
using RlGym.Environments.MinAtar;

namespace RlGym.Environments.Tests.MinAtar;

public class MinAtarRendererTests
{
    [Fact]
    public void ChannelColors_FourChannels_SeabornCubehelixPalette()
    {
        // seaborn.color_palette("cubehelix", 4) = (0.0861, 0.2382, 0.3056), (0.3293, 0.4763, 0.1837),
        // (0.8146, 0.4955, 0.5753), (0.7587, 0.7922, 0.9544), times 255 and rounded.
        Color[] expected = [new(22, 61, 78), new(84, 121, 47), new(208, 126, 147), new(193, 202, 243)];

        Assert.Equal(expected, MinAtarRenderer.ChannelColors(4));
    }

    [Fact]
    public void Render_CellWithSeveralChannels_TakesTheHighestChannelsColour()
    {
        var observation = new bool[2 * 3 * 2];
        observation[0] = true; // (0, 0) channel 0
        observation[(((1 * 3) + 2) * 2) + 0] = true; // (1, 2) channels 0 and 1
        observation[(((1 * 3) + 2) * 2) + 1] = true;
        var colors = MinAtarRenderer.ChannelColors(2);

        var frame = MinAtarRenderer.Render(observation, rows: 2, columns: 3, channels: 2);

        var canvas = new Canvas(frame.Height, frame.Width);
        canvas.DrawFrame(frame, 0, 0);
        Assert.Equal((2 * 16) + 8, frame.Height);
        Assert.Equal((3 * 16) + 8, frame.Width);
        Assert.Equal(MinAtarRenderer.BorderColor, canvas.GetPixel(0, 0));
        Assert.Equal(colors[0], canvas.GetPixel(4 + 8, 4 + 8));
        Assert.Equal(colors[1], canvas.GetPixel(4 + (2 * 16) + 8, 4 + 16 + 8));
        Assert.Equal(MinAtarRenderer.Background, canvas.GetPixel(4 + 16 + 8, 4 + 8));
    }

    [Fact]
    public void Render_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => MinAtarRenderer.Render(new bool[5], 2, 3, 2));
    }
}
