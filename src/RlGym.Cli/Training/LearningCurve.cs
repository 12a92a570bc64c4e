using RlGym.Agents.Common;
using RlGym.Core.Rendering;
using ScottPlot;

namespace RlGym.Cli.Training;

/// <summary>
/// Collects the episodic returns (<c>charts/episodic_return</c>) and evaluation means (<c>eval/mean_return</c>) of a
/// run and draws them against env steps with ScottPlot: the learning-curve PNG a person looks at first.
/// </summary>
internal sealed class LearningCurve : IMetricWriter
{
    private readonly Lock _lock = new();
    private readonly List<(long Step, double Value)> _returns = [];
    private readonly List<(long Step, double Value)> _evaluations = [];

    /// <summary>Episodic returns recorded so far, by step.</summary>
    public IReadOnlyList<(long Step, double Value)> Returns
    {
        get
        {
            lock (_lock)
            {
                return [.. _returns];
            }
        }
    }

    /// <summary>Evaluation means recorded so far, by step.</summary>
    public IReadOnlyList<(long Step, double Value)> Evaluations
    {
        get
        {
            lock (_lock)
            {
                return [.. _evaluations];
            }
        }
    }

    /// <inheritdoc/>
    public void Write(string name, double value, long step)
    {
        lock (_lock)
        {
            if (name == "charts/episodic_return")
            {
                _returns.Add((step, value));
            }
            else if (name == "eval/mean_return")
            {
                _evaluations.Add((step, value));
            }
        }
    }

    /// <inheritdoc/>
    public void Flush()
    {
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    /// <summary>
    /// Draws the curve (<paramref name="width"/> x <paramref name="height"/> pixels): each episode's return as a faint
    /// dot, their moving mean over <paramref name="window"/> episodes as a line, and the evaluation means as marked
    /// points. Encoded with <see cref="PngEncoder"/> as 8-bit RGB, so <see cref="PngDecoder"/> reads it back.
    /// </summary>
    public byte[] ToPng(string title, int width = 800, int height = 500, int window = 20)
    {
        var returns = Returns;
        var evaluations = Evaluations;
        using var plot = new Plot();
        plot.Title(title);
        plot.XLabel("env steps");
        plot.YLabel("episodic return");
        if (returns.Count > 0)
        {
            var xs = returns.Select(r => (double)r.Step).ToArray();
            var ys = returns.Select(r => r.Value).ToArray();
            var episodes = plot.Add.ScatterPoints(xs, ys);
            episodes.MarkerSize = 3;
            episodes.Color = Colors.SteelBlue.WithAlpha(0.3);
            episodes.LegendText = "episode return";
            var mean = plot.Add.ScatterLine(xs, MovingMean(ys, window));
            mean.Color = Colors.SteelBlue;
            mean.LineWidth = 2;
            mean.LegendText = $"mean of last {window}";
        }

        if (evaluations.Count > 0)
        {
            var eval = plot.Add.Scatter(evaluations.Select(e => (double)e.Step).ToArray(), evaluations.Select(e => e.Value).ToArray());
            eval.Color = Colors.OrangeRed;
            eval.MarkerSize = 7;
            eval.LineWidth = 1.5f;
            eval.LegendText = "evaluation mean";
        }

        if (returns.Count + evaluations.Count > 0)
        {
            plot.ShowLegend(Alignment.LowerRight);
        }

        using var image = plot.GetImage(width, height);
        return PngEncoder.Encode(ToFrame(image.GetArrayRGB()));
    }

    private static double[] MovingMean(double[] values, int window)
    {
        var means = new double[values.Length];
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[i];
            if (i >= window)
            {
                sum -= values[i - window];
            }

            means[i] = sum / Math.Min(i + 1, window);
        }

        return means;
    }

    private static RgbFrame ToFrame(byte[,,] rgb)
    {
        var (height, width) = (rgb.GetLength(0), rgb.GetLength(1));
        var pixels = new byte[height * width * 3];
        var i = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[i++] = rgb[y, x, 0];
                pixels[i++] = rgb[y, x, 1];
                pixels[i++] = rgb[y, x, 2];
            }
        }

        return new RgbFrame(height, width, pixels);
    }
}
