using RlGym.Core.Dynamics;
using RlGym.Core.Vector;

namespace RlGym.Environments.Fast;

/// <summary>
/// Four float32 values in order: a per-copy state or observation of the fast and GPU variants. A plain struct rather
/// than System.Numerics' vectors, whose operators are hardware intrinsics that ILGPU kernels cannot compile.
/// </summary>
/// <param name="X">Element 0.</param>
/// <param name="Y">Element 1.</param>
/// <param name="Z">Element 2.</param>
/// <param name="W">Element 3.</param>
public readonly record struct Float4(float X, float Y, float Z, float W);
