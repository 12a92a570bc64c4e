using BenchmarkDotNet.Attributes;
using RlGym.Core;
using RlGym.Environments;
using RlGym.Environments.ClassicControl;

namespace RlGym.Benchmarks.ClassicControl;

/// <summary>
/// Local CartPole-v1 steps per second: the bare physics, the bare environment, the environment as <c>Gym.Make</c>
/// returns it (TimeLimit + OrderEnforcing) and the untyped path a server uses. Each invocation takes
/// <see cref="Steps"/> steps with a fixed action pattern and resets (without a seed) when an episode ends.
/// </summary>
[MemoryDiagnoser]
public class CartPoleStepBenchmarks
{
    /// <summary>Steps per benchmark invocation.</summary>
    public const int Steps = 4096;

    private readonly int[] _actions = new int[Steps];
    private CartPoleEnv _bare = null!;
    private IEnv<float[], int> _made = null!;
    private IEnv _untyped = null!;
    private object[] _boxedActions = null!;

    /// <summary>Creates and seeds the environments; actions come from a fixed-seed generator.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new System.Random(1);
        for (var i = 0; i < Steps; i++)
        {
            _actions[i] = random.Next(2);
        }

        _boxedActions = [.. _actions.Select(a => (object)(long)a)];
        _bare = new CartPoleEnv();
        _bare.Reset(0);
        _made = Gym.Make<float[], int>("CartPole-v1");
        _made.Reset(0);
        _untyped = Gym.Make("CartPole-v1");
        _untyped.ResetObject(0);
    }

    /// <summary>Disposes the environments.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _bare.Dispose();
        _made.Dispose();
        _untyped.Dispose();
    }

    /// <summary>CartPoleDynamics.Step alone: the ceiling for everything above it.</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public double Dynamics()
    {
        double x = 0.01, xDot = 0.02, theta = 0.03, thetaDot = 0.04;
        for (var i = 0; i < Steps; i++)
        {
            CartPoleDynamics.Step(ref x, ref xDot, ref theta, ref thetaDot, _actions[i]);
            if (CartPoleDynamics.IsTerminal(x, theta))
            {
                (x, xDot, theta, thetaDot) = (0.01, 0.02, 0.03, 0.04);
            }
        }

        return x;
    }

    /// <summary>A bare <see cref="CartPoleEnv"/> (no wrappers).</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public float BareEnv()
    {
        var sum = 0f;
        for (var i = 0; i < Steps; i++)
        {
            var step = _bare.Step(_actions[i]);
            sum += step.Observation[0];
            if (step.Terminated || step.Truncated)
            {
                _bare.Reset();
            }
        }

        return sum;
    }

    /// <summary>Through <c>Gym.Make</c>: TimeLimit(OrderEnforcing(CartPoleEnv)).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
    public float ThroughMake()
    {
        var sum = 0f;
        for (var i = 0; i < Steps; i++)
        {
            var step = _made.Step(_actions[i]);
            sum += step.Observation[0];
            if (step.Terminated || step.Truncated)
            {
                _made.Reset();
            }
        }

        return sum;
    }

    /// <summary>The untyped <see cref="IEnv.StepObject"/> path (boxed actions and observations), as a server calls it.</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public int Untyped()
    {
        var done = 0;
        for (var i = 0; i < Steps; i++)
        {
            var step = _untyped.StepObject(_boxedActions[i]);
            if (step.Terminated || step.Truncated)
            {
                done++;
                _untyped.ResetObject();
            }
        }

        return done;
    }
}
