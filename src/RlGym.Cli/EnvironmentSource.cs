using Grpc.Core;
using RlGym.Client;
using RlGym.Core;
using RlGym.Core.Vector;
using RlGym.Environments;

namespace RlGym.Cli;

/// <summary>
/// Where a command's environments come from (<c>--server</c> or not): in process (<see cref="Gym.MakeVec"/>, which
/// picks the structure-of-arrays variant where one exists) or from a server (<see cref="RemoteVectorEnv"/> and
/// <see cref="RemoteEnv"/>, stepped over the Session stream).
/// </summary>
/// <param name="EnvId">A registered id, e.g. <c>CartPole-v1</c>.</param>
/// <param name="Server">The server's address, e.g. <c>http://127.0.0.1:50051</c>; null runs in process.</param>
internal sealed record EnvironmentSource(string EnvId, string? Server)
{
    /// <summary>Where the environments run, for messages: "local" or the server's address.</summary>
    public string Where => Server ?? "local";

    /// <summary><paramref name="numEnvs"/> copies as one vector environment (next-step autoreset).</summary>
    public IVectorEnv MakeVector(int numEnvs) => Server is null
        ? Gym.MakeVec(EnvId, numEnvs)
        : RemoteVectorEnv.Make(EnvId, numEnvs, Options(Server));

    /// <summary>One copy, for evaluation or rendering.</summary>
    /// <exception cref="RemoteEnvException">The server cannot be reached (the message names its address).</exception>
    public IEnv Make(string? renderMode = null)
    {
        if (Server is null)
        {
            return Gym.Make(EnvId, renderMode: renderMode);
        }

        try
        {
            return RemoteEnv.Make(EnvId, Options(Server), renderMode: renderMode);
        }
        catch (RemoteEnvException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            throw new RemoteEnvException(e.StatusCode, $"Cannot reach an RlGym server at {Server} ({e.Message}); start one with 'rlgym serve' or check --server.", e);
        }
    }

    /// <summary>
    /// Fails early, before any output is written, when the id is unknown or the server cannot be reached: opens and
    /// closes one copy.
    /// </summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered (locally or on the server).</exception>
    /// <exception cref="RemoteEnvException">The server cannot be reached.</exception>
    public void Validate()
    {
        using var env = Make();
    }

    private static RemoteEnvOptions Options(string address) => new() { Address = address };
}
