namespace RlGym.Environments.ClassicControl;

/// <summary>
/// Float64 arithmetic on one value (<see cref="DoubleLane"/>) or on several lanes at once (<see cref="DoubleLanes256"/>):
/// what lets <see cref="CartPoleDynamics"/> write its equations once for the scalar env and the SIMD block of
/// <see cref="Vectorized.CartPoleSoaVectorEnv"/>. Each operator is the IEEE float64 operation per lane, so every lane
/// gives the bits of the scalar code.
/// </summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
internal interface IDoubleLanes<TSelf>
    where TSelf : struct, IDoubleLanes<TSelf>
{
    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);

    static abstract TSelf operator /(TSelf left, TSelf right);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TSelf Create(double value);
}
