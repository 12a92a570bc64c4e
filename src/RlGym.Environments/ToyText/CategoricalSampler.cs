using RlGym.Core.Random;

namespace RlGym.Environments.ToyText;

/// <summary>Gymnasium's <c>toy_text.utils.categorical_sample</c>: the draw every tabular reset and step makes.</summary>
internal static class CategoricalSampler
{
    /// <summary>
    /// Draws one <c>random()</c> and returns the first index whose running (left-to-right, float64) sum of
    /// <paramref name="probabilities"/> is greater than it; 0 when none is (numpy's <c>argmax</c> of an all-false array).
    /// </summary>
    public static int Sample(ReadOnlySpan<double> probabilities, NumpyGenerator random)
    {
        var u = random.Random();
        var cumulative = 0.0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            cumulative += probabilities[i];
            if (cumulative > u)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>Samples one of <paramref name="transitions"/> by their probabilities (one <c>random()</c>).</summary>
    public static Transition Sample(Transition[] transitions, NumpyGenerator random)
    {
        Span<double> probabilities = stackalloc double[transitions.Length];
        for (var i = 0; i < transitions.Length; i++)
        {
            probabilities[i] = transitions[i].Probability;
        }

        return transitions[Sample(probabilities, random)];
    }
}
