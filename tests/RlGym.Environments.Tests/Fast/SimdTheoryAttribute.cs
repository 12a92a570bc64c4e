using RlGym.Environments.Fast;

namespace RlGym.Environments.Tests.Fast;

/// <summary>A theory for one SIMD width (copies per instruction); skipped with the reason on CPUs that do not accelerate it.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SimdTheoryAttribute : TheoryAttribute
{
    /// <param name="lanes">Float32 lanes per instruction: 8 (AVX) or 16 (AVX-512).</param>
    public SimdTheoryAttribute(int lanes)
    {
        if (FastSimd.PreferredLanes < lanes)
        {
            Skip = $"needs {lanes} float32 lanes per instruction ({(lanes == 16 ? "AVX-512" : "AVX")}); this CPU has {FastSimd.PreferredLanes}";
        }
    }
}
