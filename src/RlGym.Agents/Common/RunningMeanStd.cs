namespace RlGym.Agents.Common;

/// <summary>
/// Running mean and variance per element (Chan et al.'s parallel update, as Stable-Baselines3's <c>RunningMeanStd</c>),
/// used to normalise observations and to scale rewards.
/// </summary>
internal sealed class RunningMeanStd
{
    public RunningMeanStd(int size)
    {
        Mean = new double[size];
        Variance = Enumerable.Repeat(1.0, size).ToArray();
        Count = 1e-4;
    }

    public RunningMeanStd(double[] mean, double[] variance, double count)
    {
        Mean = mean;
        Variance = variance;
        Count = count;
    }

    public double[] Mean { get; }

    public double[] Variance { get; }

    /// <summary>The samples seen (set when a resumed run restores the statistics).</summary>
    public double Count { get; set; }

    /// <summary>Adds <paramref name="rows"/> samples laid out row by row in <paramref name="batch"/>.</summary>
    public void Update(ReadOnlySpan<float> batch, int rows)
    {
        var size = Mean.Length;
        var total = Count + rows;
        for (var j = 0; j < size; j++)
        {
            double mean = 0;
            for (var i = 0; i < rows; i++)
            {
                mean += batch[(i * size) + j];
            }

            mean /= rows;
            double m2 = 0;
            for (var i = 0; i < rows; i++)
            {
                var d = batch[(i * size) + j] - mean;
                m2 += d * d;
            }

            var delta = mean - Mean[j];
            Mean[j] += delta * rows / total;
            Variance[j] = ((Variance[j] * Count) + m2 + (delta * delta * Count * rows / total)) / total;
        }

        Count = total;
    }

    /// <summary>Normalises rows in place: <c>clip((x - mean) / √(var + ε), ±clip)</c>.</summary>
    public void Normalise(Span<float> batch, double clip = 10, double epsilon = 1e-8)
    {
        var size = Mean.Length;
        for (var k = 0; k < batch.Length; k++)
        {
            var j = k % size;
            batch[k] = (float)Math.Clamp((batch[k] - Mean[j]) / Math.Sqrt(Variance[j] + epsilon), -clip, clip);
        }
    }
}
