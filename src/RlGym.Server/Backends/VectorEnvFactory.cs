using CoreAutoresetMode = RlGym.Core.Vector.AutoresetMode;
using RlGym.Core;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.Vectorized;
using RlGym.Gpu;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;
using RlGym.Server.Errors;
using RlGym.Server.Sessions;

namespace RlGym.Server.Backends;

/// <summary>
/// The server's <see cref="IVectorEnvFactory"/>: CPU variants through <see cref="EnvRegistry.MakeVec"/>, the GPU variant through
/// <see cref="GpuVectorEnvs"/> on the runtime <see cref="IGpuRuntimeProvider"/> gives.
/// </summary>
/// <remarks>
/// The rules, in order:
/// <list type="bullet">
/// <item><see cref="Backend.Gpu"/>: INVALID_ARGUMENT with a render mode (rendering copies run on the CPU) or with a
/// vectorization other than AUTO (those name CPU implementations); FAILED_PRECONDITION, naming what was found, when
/// there is no GPU; otherwise the GPU variant (INVALID_ARGUMENT when the id has none).</item>
/// <item><see cref="Backend.Auto"/>: the GPU variant when the request leaves the choice open (vectorization AUTO,
/// next-step autoreset, no render mode), there is a GPU and the id has a GPU variant; otherwise as
/// <see cref="Backend.Cpu"/>. The GPU is only asked for when the rest allows it (the CUDA probe runs once, on first
/// need).</item>
/// <item><see cref="Backend.Cpu"/>: the vectorization asked for, AUTO resolved as <see cref="Vectorizations.Auto"/> does (the
/// structure-of-arrays variant where the id has one and no render mode is set, otherwise sync) so that the response
/// names it.</item>
/// </list>
/// </remarks>
internal sealed class VectorEnvFactory(EnvRegistry registry, IGpuRuntimeProvider gpu) : IVectorEnvFactory
{
    /// <inheritdoc />
    public long EstimateBytes(VectorEnvRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var probe = registry.Make(request.Id, request.Kwargs, renderMode: null, request.MaxEpisodeSteps);
        return MemoryEstimates.Vector(probe, request.Copies);
    }

    /// <inheritdoc />
    public VectorEnvCreation Create(VectorEnvRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var backend = EnumCodec.Decode(request.Backend);
        var vectorization = EnumCodec.Decode(request.Vectorization) is Vectorization.Unspecified ? Vectorization.Auto : request.Vectorization;
        if (GpuFor(request, backend, vectorization) is { } runtime)
        {
            var env = GpuVectorEnvs.Make(runtime, registry, request.Id, request.Copies, request.AutoresetMode, request.Kwargs, request.MaxEpisodeSteps);
            return new VectorEnvCreation(env, Backend.Gpu, Vectorization.Unspecified);
        }

        // Resolved here (as Make resolves it) so that the response names the vectorization used.
        var chosen = registry.ResolveVectorization(request.Id, EnumCodec.Name(vectorization)!, request.RenderMode);
        var made = registry.MakeVec(request.Id, request.Copies, request.AutoresetMode, chosen, request.Kwargs, request.MaxEpisodeSteps, request.RenderMode);
        return new VectorEnvCreation(made, Backend.Cpu, EnumCodec.ParseVectorization(chosen));
    }

    /// <inheritdoc />
    public AsyncVectorEnv CreateAsync(VectorEnvRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (EnumCodec.Decode(request.Backend) == Backend.Gpu)
        {
            throw new ArgumentException("batch_size > 0 (an asynchronous handle) steps copies on the CPU's cores; it cannot be combined with BACKEND_GPU.");
        }

        if (EnumCodec.Decode(request.Vectorization) is not (Vectorization.Unspecified or Vectorization.Auto or Vectorization.Sync or Vectorization.Parallel))
        {
            throw new ArgumentException(
                $"batch_size > 0 (an asynchronous handle) steps copies of the single environment; vectorization {Formatting.Quote(EnumCodec.Name(request.Vectorization))} cannot be combined with it (leave it unset, auto, sync or parallel).");
        }

        if (request.RenderMode is { } renderMode)
        {
            throw new ArgumentException(
                $"batch_size > 0 (an asynchronous handle) does not render; render_mode {Formatting.Quote(renderMode)} needs a synchronous handle (batch_size 0).");
        }

        if (request.BatchSize > request.Copies)
        {
            throw new ArgumentException($"batch_size {request.BatchSize} is larger than num_envs {request.Copies}; it must be in [1, num_envs] (0: synchronous).");
        }

        var copies = new IEnv[request.Copies];
        try
        {
            for (var i = 0; i < copies.Length; i++)
            {
                copies[i] = registry.Make(request.Id, request.Kwargs, renderMode: null, request.MaxEpisodeSteps);
            }

            return new AsyncVectorEnv(copies, request.BatchSize, request.AutoresetMode);
        }
        catch
        {
            foreach (var copy in copies)
            {
                copy?.Dispose();
            }

            throw;
        }
    }

    /// <summary>The GPU runtime to run <paramref name="request"/> on, or null for the CPU (see the rules above).</summary>
    private GpuRuntime? GpuFor(VectorEnvRequest request, Backend backend, Vectorization vectorization)
    {
        switch (backend)
        {
            case Backend.Gpu:
                if (request.RenderMode is { } renderMode)
                {
                    throw new ArgumentException(
                        $"render_mode {Formatting.Quote(renderMode)} needs copies that render, which run on the CPU; it cannot be combined with BACKEND_GPU (use BACKEND_AUTO or BACKEND_CPU).");
                }

                if (vectorization != Vectorization.Auto)
                {
                    throw new ArgumentException(
                        $"Vectorization {Formatting.Quote(EnumCodec.Name(vectorization))} picks a CPU implementation; it cannot be combined with BACKEND_GPU (leave it unset or auto, or use BACKEND_CPU).");
                }

                return gpu.TryGet(out var found)
                    ?? throw new BackendUnavailableException(
                        $"BACKEND_GPU was requested but there is no CUDA device; found: {found}. Use BACKEND_AUTO or BACKEND_CPU for the CPU variants.");
            case Backend.Auto:
                if (vectorization != Vectorization.Auto || request.AutoresetMode != CoreAutoresetMode.NextStep || request.RenderMode is not null)
                {
                    return null;
                }

                return gpu.TryGet(out _) is { } runtime && GpuVectorEnvs.Supports(registry, request.Id) ? runtime : null;
            default:
                return null;
        }
    }
}
