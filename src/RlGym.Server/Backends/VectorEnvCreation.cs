using RlGym.Core.Vector;
using RlGym.Protocol.V1;

namespace RlGym.Server.Backends;

/// <summary>A vector environment <see cref="IVectorEnvFactory"/> made, with the choices it made (owned by the caller).</summary>
/// <param name="Env">The environment; the caller disposes it.</param>
/// <param name="Backend">Where it runs: <see cref="Backend.Cpu"/> or <see cref="Backend.Gpu"/>, never AUTO.</param>
/// <param name="Vectorization">The CPU implementation (never AUTO); <see cref="Vectorization.Unspecified"/> on the GPU.</param>
internal sealed record VectorEnvCreation(IVectorEnv Env, Backend Backend, Vectorization Vectorization);
