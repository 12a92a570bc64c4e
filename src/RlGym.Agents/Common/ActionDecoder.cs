using RlGym.Core.Spaces;

namespace RlGym.Agents.Common;

/// <summary>What a policy network outputs for an action space: logits of a Discrete space, or the mean of a diagonal Gaussian over a float Box.</summary>
internal sealed class ActionDecoder
{
    private readonly float[] _low = [];
    private readonly float[] _high = [];

    public ActionDecoder(Space space)
    {
        switch (space)
        {
            case Discrete d:
                IsDiscrete = true;
                Size = d.N;
                Start = d.Start;
                break;
            case Box<float> box:
                Size = box.Size;
                _low = box.LowValues.ToArray();
                _high = box.HighValues.ToArray();
                break;
            default:
                throw new ArgumentException($"Policies cannot act in {space}; supported: Discrete and float32 Box action spaces.");
        }
    }

    /// <summary>True for Discrete (categorical logits), false for Box (Gaussian mean).</summary>
    public bool IsDiscrete { get; }

    /// <summary>Logits (Discrete) or action dimensions (Box).</summary>
    public int Size { get; }

    /// <summary>Floats one action takes in a rollout buffer: 1 (the index) for Discrete, <see cref="Size"/> for Box.</summary>
    public int StoredSize => IsDiscrete ? 1 : Size;

    /// <summary>The Discrete space's start.</summary>
    public int Start { get; }

    /// <summary>True for a Box whose bounds are all finite (squashed policies need them: SAC, TD3).</summary>
    public bool IsBounded => !IsDiscrete && _low.All(float.IsFinite) && _high.All(float.IsFinite);

    /// <summary>
    /// Maps actions in [-1, 1] (a tanh-squashed policy's) to the Box's bounds, <c>low + (a + 1) / 2 · (high − low)</c>
    /// (Stable-Baselines3's <c>unscale_action</c>); a batch is consecutive actions of <see cref="Size"/> values.
    /// </summary>
    public void Unscale(ReadOnlySpan<float> squashed, Span<float> action)
    {
        for (var j = 0; j < squashed.Length; j++)
        {
            var k = j % Size;
            action[j] = Math.Clamp(_low[k] + (0.5f * (squashed[j] + 1f) * (_high[k] - _low[k])), _low[k], _high[k]);
        }
    }

    /// <summary>Clips a continuous action into the Box's bounds, in place.</summary>
    public void Clip(Span<float> action)
    {
        for (var j = 0; j < action.Length; j++)
        {
            var k = j % Size;
            action[j] = Math.Clamp(action[j], _low[k], _high[k]);
        }
    }
}
