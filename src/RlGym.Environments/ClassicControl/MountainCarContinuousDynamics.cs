using RlGym.Core.Dynamics;
using RlGym.Core.Random;

namespace RlGym.Environments.ClassicControl;

/// <summary>
/// MountainCarContinuous-v0's rules, once: reset distribution, physics, reward and termination, and the observation.
/// The scalar environment (<see cref="MountainCarContinuousEnv"/>) and the batched variant (<c>DynamicsVectorEnv</c>)
/// call them; the physics is the pure per-element
/// <see cref="Step(ref double, ref double, bool, float, double, NumpyPromotion, out double)"/>.
/// </summary>
/// <param name="goalVelocity">The kwarg <c>goal_velocity</c>: the velocity the car needs at the flag.</param>
/// <param name="promotion">The NumPy arithmetic reproduced: NumPy 2 (what current Gymnasium computes) or 1.x.</param>
/// <remarks>
/// Gymnasium keeps this state as a float32 array after every step (the reset state is float64), and mixes those
/// float32 scalars with Python numbers. Under NumPy 1.x that arithmetic is float64; under NumPy 2 it stays float32
/// with the Python number rounded to float32 first. Both are reproduced; <see cref="MountainCarContinuousState.IsFloat32"/>
/// says whether the state came from a step (float32) or from reset (float64), which matters under NumPy 2 only.
/// </remarks>
public readonly struct MountainCarContinuousDynamics(double goalVelocity, NumpyPromotion promotion)
    : IDynamics<MountainCarContinuousState, float, float>
{
    /// <summary>Left end of the track (a wall).</summary>
    public const double MinPosition = -1.2;

    /// <summary>Right end of the track.</summary>
    public const double MaxPosition = 0.6;

    /// <summary>Speed limit in either direction.</summary>
    public const double MaxSpeed = 0.07;

    /// <summary>Position of the flag.</summary>
    public const double GoalPosition = 0.45;

    /// <summary>Acceleration per unit of (clipped) force.</summary>
    public const double Power = 0.0015;

    /// <summary>Scale of the hill's pull.</summary>
    public const double Gravity = 0.0025;

    /// <summary>Bonus for reaching the goal.</summary>
    public const double GoalReward = 100.0;

    /// <summary>The velocity the car needs at the flag.</summary>
    public double GoalVelocity { get; } = goalVelocity;

    /// <summary>The NumPy arithmetic reproduced.</summary>
    public NumpyPromotion Promotion { get; } = promotion;

    /// <summary>
    /// Position uniform in [-0.6, -0.4), or in [<c>low</c>, <c>high</c>) from the reset options (one draw); velocity 0;
    /// the state float64.
    /// </summary>
    public MountainCarContinuousState Reset(NumpyGenerator random, IReadOnlyDictionary<string, object>? options)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (low, high) = ResetBounds.Parse(options, -0.6, -0.4);
        return new(random.Uniform(low, high), 0.0, IsFloat32: false);
    }

    /// <summary>
    /// One step with the force <c>action[0]</c>: reward <c>-0.1 * action²</c> (unclipped), plus 100 when the car
    /// reaches the flag with enough velocity, which terminates. The state is float32 afterwards.
    /// </summary>
    public double Step(ref MountainCarContinuousState state, ReadOnlySpan<float> action, NumpyGenerator random, out bool terminated)
    {
        var (position, velocity, isFloat32) = state;
        terminated = Step(ref position, ref velocity, isFloat32, action[0], GoalVelocity, Promotion, out var reward);
        state = new(position, velocity, IsFloat32: true);
        return reward;
    }

    /// <summary>The state cast to float32: position, velocity.</summary>
    public void Observe(in MountainCarContinuousState state, Span<float> observation)
    {
        observation[0] = (float)state.Position;
        observation[1] = (float)state.Velocity;
    }

    /// <summary>
    /// Advances one step with the float32 <paramref name="action"/> (clipped to [-1, 1] for the force; the reward
    /// penalises the unclipped value). On return the state holds float32 values, as Gymnasium's does.
    /// </summary>
    /// <returns>True when the car is at or past the goal with at least <paramref name="goalVelocity"/>.</returns>
    public static bool Step(
        ref double position,
        ref double velocity,
        bool stateIsFloat32,
        float action,
        double goalVelocity,
        NumpyPromotion promotion,
        out double reward)
    {
        var terminated = promotion == NumpyPromotion.Legacy
            ? StepLegacy(ref position, ref velocity, action, goalVelocity)
            : StepNumPy2(ref position, ref velocity, stateIsFloat32, action, goalVelocity);

        // reward = 0; if terminated: reward = 100.0; reward -= math.pow(a, 2) * 0.1, in Python floats.
        var penalty = Math.Pow(action, 2) * 0.1;
        reward = (terminated ? GoalReward : 0.0) - penalty;
        return terminated;
    }

    private static bool StepLegacy(ref double position, ref double velocity, float action, double goalVelocity)
    {
        double p = position, v = velocity;
        double force = action < -1f ? -1.0 : action > 1f ? 1.0 : action;
        v += (force * Power) - (Gravity * Math.Cos(3 * p));
        if (v > MaxSpeed)
        {
            v = MaxSpeed;
        }

        if (v < -MaxSpeed)
        {
            v = -MaxSpeed;
        }

        p += v;
        if (p > MaxPosition)
        {
            p = MaxPosition;
        }

        if (p < MinPosition)
        {
            p = MinPosition;
        }

        if (p == MinPosition && v < 0)
        {
            v = 0;
        }

        var terminated = p >= GoalPosition && v >= goalVelocity;
        position = (float)p;
        velocity = (float)v;
        return terminated;
    }

    // NEP 50 promotion, value by value. Each scalar has a kind: a NumPy float32, a NumPy float64 (only the reset
    // state) or a Python number. float64 wins; otherwise float32 wins and the Python number is rounded to float32.
    private static bool StepNumPy2(ref double position, ref double velocity, bool stateIsFloat32, float action, double goalVelocity)
    {
        double p = position, v = velocity;
        var stateKind = stateIsFloat32 ? Kind.Float32 : Kind.Float64;
        Kind pKind = stateKind, vKind = stateKind;

        // force = min(max(a, -1.0), 1.0): the Python float bound when clipped, else the float32 action itself.
        double force = action;
        var forceKind = Kind.Float32;
        if (action < -1f)
        {
            (force, forceKind) = (-1.0, Kind.Python);
        }
        else if (action > 1f)
        {
            (force, forceKind) = (1.0, Kind.Python);
        }

        // velocity += force * power - 0.0025 * math.cos(3 * position)
        var angle = Multiply(3.0, Kind.Python, p, pKind, out _);
        var pull = Gravity * Math.Cos(angle);
        var push = Multiply(force, forceKind, Power, Kind.Python, out var pushKind);
        var delta = Subtract(push, pushKind, pull, Kind.Python, out var deltaKind);
        v = Add(v, vKind, delta, deltaKind, out vKind);
        if (Greater(v, vKind, MaxSpeed))
        {
            (v, vKind) = (MaxSpeed, Kind.Python);
        }

        if (Less(v, vKind, -MaxSpeed))
        {
            (v, vKind) = (-MaxSpeed, Kind.Python);
        }

        p = Add(p, pKind, v, vKind, out pKind);
        if (Greater(p, pKind, MaxPosition))
        {
            (p, pKind) = (MaxPosition, Kind.Python);
        }

        if (Less(p, pKind, MinPosition))
        {
            (p, pKind) = (MinPosition, Kind.Python);
        }

        if (Equal(p, pKind, MinPosition) && Less(v, vKind, 0))
        {
            (v, vKind) = (0, Kind.Python);
        }

        var terminated = GreaterOrEqual(p, pKind, GoalPosition) && GreaterOrEqual(v, vKind, goalVelocity);
        position = (float)p;
        velocity = (float)v;
        return terminated;
    }

    private enum Kind
    {
        Python,
        Float32,
        Float64,
    }

    private static Kind Promote(Kind a, Kind b) => a == Kind.Float64 || b == Kind.Float64 ? Kind.Float64
        : a == Kind.Float32 || b == Kind.Float32 ? Kind.Float32
        : Kind.Python;

    private static double Add(double a, Kind aKind, double b, Kind bKind, out Kind kind)
    {
        kind = Promote(aKind, bKind);
        return kind == Kind.Float32 ? (float)a + (float)b : a + b;
    }

    private static double Subtract(double a, Kind aKind, double b, Kind bKind, out Kind kind)
    {
        kind = Promote(aKind, bKind);
        return kind == Kind.Float32 ? (float)a - (float)b : a - b;
    }

    private static double Multiply(double a, Kind aKind, double b, Kind bKind, out Kind kind)
    {
        kind = Promote(aKind, bKind);
        return kind == Kind.Float32 ? (float)a * (float)b : a * b;
    }

    // The operands of a comparison of a value with a Python number: under NEP 50 a float32 value compares in float32.
    private static (double Value, double Other) Operands(double value, Kind kind, double pythonNumber) =>
        kind == Kind.Float32 ? ((float)value, (float)pythonNumber) : (value, pythonNumber);

    private static bool Greater(double value, Kind kind, double pythonNumber)
    {
        var (a, b) = Operands(value, kind, pythonNumber);
        return a > b;
    }

    private static bool Less(double value, Kind kind, double pythonNumber)
    {
        var (a, b) = Operands(value, kind, pythonNumber);
        return a < b;
    }

    private static bool Equal(double value, Kind kind, double pythonNumber)
    {
        var (a, b) = Operands(value, kind, pythonNumber);
        return a == b;
    }

    private static bool GreaterOrEqual(double value, Kind kind, double pythonNumber)
    {
        var (a, b) = Operands(value, kind, pythonNumber);
        return a >= b;
    }
}
