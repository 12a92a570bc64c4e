using RlGym.Cli.Training;
using RlGym.Core.Rendering;

namespace RlGym.Cli.Tests.Training;

public sealed class LearningCurveTests
{
    [Fact]
    public void Write_ReturnsAndEvaluations_KeepsOnlyThoseTwoByStep()
    {
        using var curve = new LearningCurve();

        curve.Write("charts/episodic_return", 10, 100);
        curve.Write("charts/SPS", 5000, 100);
        curve.Write("eval/mean_return", 42, 200);
        curve.Write("charts/episodic_return", 20, 300);

        Assert.Equal([(100L, 10.0), (300L, 20.0)], curve.Returns);
        Assert.Equal([(200L, 42.0)], curve.Evaluations);
    }

    [Fact]
    public void ToPng_WithPoints_DecodesAsAnRgbImageOfTheAskedSize()
    {
        using var curve = new LearningCurve();
        for (var i = 0; i < 50; i++)
        {
            curve.Write("charts/episodic_return", i * 2.5, i * 100);
        }

        curve.Write("eval/mean_return", 100, 2500);

        var frame = PngDecoder.Decode(curve.ToPng("ppo on CartPole-v1", width: 320, height: 200));

        Assert.Equal((200, 320), (frame.Height, frame.Width));
        Assert.Contains(frame.Pixels, b => b < 128);
    }

    [Fact]
    public void ToPng_Empty_StillDrawsTheAxes()
    {
        using var curve = new LearningCurve();

        var frame = PngDecoder.Decode(curve.ToPng("nothing yet", width: 160, height: 120));

        Assert.Equal((120, 160), (frame.Height, frame.Width));
    }
}
