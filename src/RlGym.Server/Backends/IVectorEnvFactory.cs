namespace RlGym.Server.Backends;

/// <summary>
/// Makes the vector environments the server serves: chooses the backend (CPU or GPU) and the CPU vectorization for a
/// request, then makes the environment. The gRPC service maps messages to <see cref="VectorEnvRequest"/> and delegates
/// here.
/// </summary>
internal interface IVectorEnvFactory
{
    /// <summary>About how many bytes <paramref name="request"/>'s copies take, known before they are made (one copy is made to tell).</summary>
    /// <exception cref="Core.UnknownEnvironmentException">The id is not registered.</exception>
    /// <exception cref="ArgumentException">A bad kwarg.</exception>
    long EstimateBytes(VectorEnvRequest request);

    /// <summary>Makes the environment <paramref name="request"/> asks for, on the backend and with the vectorization the rules choose.</summary>
    /// <exception cref="Core.UnknownEnvironmentException">The id is not registered.</exception>
    /// <exception cref="ArgumentException">A combination the rules reject, a vectorization the id does not offer, or a bad kwarg.</exception>
    /// <exception cref="Errors.BackendUnavailableException">The GPU was asked for and there is none.</exception>
    VectorEnvCreation Create(VectorEnvRequest request);

    /// <summary>Makes the asynchronous vector environment <paramref name="request"/> asks for (its <see cref="VectorEnvRequest.BatchSize"/> is at least 1).</summary>
    /// <exception cref="Core.UnknownEnvironmentException">The id is not registered.</exception>
    /// <exception cref="ArgumentException">A GPU backend, a render mode, a vectorization other than AUTO, SYNC or PARALLEL, disabled autoreset, a batch size above the copies, or a bad kwarg.</exception>
    Core.Vector.AsyncVectorEnv CreateAsync(VectorEnvRequest request);
}
