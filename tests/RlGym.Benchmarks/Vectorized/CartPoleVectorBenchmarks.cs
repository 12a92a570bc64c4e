using BenchmarkDotNet.Attributes;
using RlGym.Core.Vector;
using RlGym.Environments;
using RlGym.Environments.Vectorized;

namespace RlGym.Benchmarks.Vectorized;

/// <summary>
/// One vector step of CartPole-v1 with N copies (next-step autoreset): the structure-of-arrays variant, SyncVectorEnv
/// over scalar envs (one thread and parallel) and Gymnasium's CartPoleVectorEnv semantics. Divide N by the time per
/// operation for env-steps per second.
/// </summary>
[MemoryDiagnoser]
public class CartPoleVectorBenchmarks
{
    private IVectorEnv<float[], int[]> _env = null!;
    private int[][] _actions = null!;
    private int _next;

    /// <summary>Number of copies.</summary>
    [Params(1, 64, 1024, 4096, 16384, 65536)]
    public int N { get; set; }

    /// <summary>The vectorization (see <see cref="Vectorizations"/>).</summary>
    [Params(Vectorizations.Soa, Vectorizations.Gymnasium, Vectorizations.Sync, Vectorizations.Parallel)]
    public string Vectorization { get; set; } = Vectorizations.Soa;

    /// <summary>Makes and seeds the vector env; actions come from a fixed-seed generator.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (_env, _actions) = Create(Vectorization, N);
    }

    /// <summary>Closes the env.</summary>
    [GlobalCleanup]
    public void Cleanup() => _env.Dispose();

    /// <summary>One step of all N copies.</summary>
    [Benchmark]
    public double Step()
    {
        var result = _env.Step(_actions[_next]);
        _next = (_next + 1) % _actions.Length;
        return result.Rewards[0];
    }

    /// <summary>A seeded CartPole-v1 vector env of <paramref name="n"/> copies and 16 batches of random actions.</summary>
    public static (IVectorEnv<float[], int[]> Env, int[][] Actions) Create(string vectorization, int n)
    {
        var env = (IVectorEnv<float[], int[]>)Gym.MakeVec("CartPole-v1", n, vectorization: vectorization);
        env.Reset(seed: 0);
        var random = new System.Random(1);
        var actions = Enumerable.Range(0, 16).Select(_ => Enumerable.Range(0, n).Select(_ => random.Next(2)).ToArray()).ToArray();
        return (env, actions);
    }
}
