using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Random;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments.ClassicControl;

namespace RlGym.Environments.Vectorized;

/// <summary>
/// CartPole's exact batched variant (<c>soa</c>): <see cref="CartPoleDynamics"/> per copy, each copy equal to a scalar
/// <see cref="CartPoleEnv"/> seeded with <c>seed + i</c>, with the state held one array per field (x, x_dot, theta,
/// theta_dot, steps beyond termination) instead of one struct per copy, so that blocks of four copies load and store
/// whole AVX vectors (the equations from CartPoleDynamics' generic Integrate, sine and cosine glibc's as in the scalar env,
/// four at a time by <see cref="GlibcSinCos"/>; the tests hold the blocks to the per-copy loop bit for bit).
/// </summary>
public sealed class CartPoleSoaVectorEnv : SoaVectorEnv<float, int>
{
    private readonly CartPoleDynamics _dynamics;
    private readonly double[] _x;
    private readonly double[] _xDot;
    private readonly double[] _theta;
    private readonly double[] _thetaDot;
    private readonly int?[] _stepsBeyondTerminated;

    /// <summary>Creates <paramref name="numEnvs"/> copies; call <c>Reset</c> before the first step.</summary>
    /// <param name="numEnvs">Number of copies.</param>
    /// <param name="dynamics">The dynamics (carrying <c>sutton_barto_reward</c>).</param>
    /// <param name="prototype">A scalar CartPole: its spaces and metadata are the copies'.</param>
    /// <param name="autoresetMode">How ended copies restart.</param>
    /// <param name="maxEpisodeSteps">Time limit per copy, null for none.</param>
    /// <param name="spec">The registration the copies come from, if any.</param>
    public CartPoleSoaVectorEnv(int numEnvs, CartPoleDynamics dynamics, IEnv prototype, AutoresetMode autoresetMode, int? maxEpisodeSteps, EnvSpec? spec)
        : base(numEnvs, prototype, autoresetMode, maxEpisodeSteps, spec)
    {
        _dynamics = dynamics;
        _x = new double[numEnvs];
        _xDot = new double[numEnvs];
        _theta = new double[numEnvs];
        _thetaDot = new double[numEnvs];
        _stepsBeyondTerminated = new int?[numEnvs];
    }

    /// <summary>The <c>soa</c> vectorization of a CartPole registration.</summary>
    /// <exception cref="ArgumentException">The prototype is not a <see cref="CartPoleEnv"/>.</exception>
    public static IVectorEnv Make(VectorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dynamics = request.Prototype is IDynamicsEnv<CartPoleDynamics> source
            ? source.Dynamics
            : throw new ArgumentException($"{request.Prototype.GetType().Name} is not a CartPole.", nameof(request));
        return new CartPoleSoaVectorEnv(request.NumEnvs, dynamics, request.Prototype, request.AutoresetMode, request.Spec.MaxEpisodeSteps, request.Spec);
    }

    /// <summary>Copy <paramref name="index"/>'s state.</summary>
    public CartPoleEpisode StateOf(int index) =>
        new(new(_x[index], _xDot[index], _theta[index], _thetaDot[index]), _stepsBeyondTerminated[index]);

    /// <inheritdoc />
    protected override void ResetCopy(int index, NumpyGenerator random, IReadOnlyDictionary<string, object>? options)
    {
        var ((x, xDot, theta, thetaDot), stepsBeyondTerminated) = _dynamics.Reset(random, options);
        (_x[index], _xDot[index], _theta[index], _thetaDot[index]) = (x, xDot, theta, thetaDot);
        _stepsBeyondTerminated[index] = stepsBeyondTerminated;
        WriteObservation(index);
    }

    /// <inheritdoc />
    protected override void StepCopies(int start, int end, int[] actions)
    {
        var (x, xDot, theta, thetaDot) = (_x, _xDot, _theta, _thetaDot);
        var i = start;
        if (UseSimd)
        {
            for (; i + 4 <= end; i += 4)
            {
                StepBlock(i, actions);
            }
        }

        for (; i < end; i++)
        {
            if (AutoresetInstead(i))
            {
                continue;
            }

            CartPoleDynamics.Step(ref x[i], ref xDot[i], ref theta[i], ref thetaDot[i], actions[i]);
            WriteObservation(i);
            Finish(i);
        }
    }

    /// <summary>Whether blocks of four copies step with AVX (true where supported; false forces the per-copy loop).</summary>
    internal bool UseSimd { get; init; } = Avx.IsSupported;

    // Four copies (AVX): one field vector each, CartPoleDynamics.Integrate on DoubleLanes256 (the same IEEE operations
    // in the same order as one copy's step), sine and cosine from GlibcSinCos (Gymnasium's bits: glibc's, four at a time).
    // Copies that ended last step are stepped too and then overwritten by their reset (the physics is pure).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StepBlock(int i, int[] actions)
    {
        var u = (nuint)i;
        ref var xRef = ref MemoryMarshal.GetArrayDataReference(_x);
        ref var xDotRef = ref MemoryMarshal.GetArrayDataReference(_xDot);
        ref var thetaRef = ref MemoryMarshal.GetArrayDataReference(_theta);
        ref var thetaDotRef = ref MemoryMarshal.GetArrayDataReference(_thetaDot);
        var theta = new DoubleLanes256(Vector256.LoadUnsafe(ref thetaRef, u));
        GlibcSinCos.SinCos(theta.Value, out var sin, out var cos);

        var force = Vector256.Create(
            CartPoleDynamics.Force(actions[i]),
            CartPoleDynamics.Force(actions[i + 1]),
            CartPoleDynamics.Force(actions[i + 2]),
            CartPoleDynamics.Force(actions[i + 3]));
        var x = new DoubleLanes256(Vector256.LoadUnsafe(ref xRef, u));
        var xDot = new DoubleLanes256(Vector256.LoadUnsafe(ref xDotRef, u));
        var thetaDot = new DoubleLanes256(Vector256.LoadUnsafe(ref thetaDotRef, u));
        CartPoleDynamics.Integrate(
            ref x, ref xDot, ref theta, ref thetaDot, new(force), new(sin), new(cos));
        x.Value.StoreUnsafe(ref xRef, u);
        xDot.Value.StoreUnsafe(ref xDotRef, u);
        theta.Value.StoreUnsafe(ref thetaRef, u);
        thetaDot.Value.StoreUnsafe(ref thetaDotRef, u);

        // The observations, interleaved per copy: the four fields as float32, transposed 4 x 4.
        var a = Avx.ConvertToVector128Single(x.Value);
        var b = Avx.ConvertToVector128Single(xDot.Value);
        var c = Avx.ConvertToVector128Single(theta.Value);
        var d = Avx.ConvertToVector128Single(thetaDot.Value);
        var ab0 = Sse.UnpackLow(a, b);
        var ab1 = Sse.UnpackHigh(a, b);
        var cd0 = Sse.UnpackLow(c, d);
        var cd1 = Sse.UnpackHigh(c, d);
        ref var observations = ref MemoryMarshal.GetArrayDataReference(Observations);
        var o = (nuint)(4 * i);
        Sse.MoveLowToHigh(ab0, cd0).StoreUnsafe(ref observations, o);
        Sse.MoveHighToLow(cd0, ab0).StoreUnsafe(ref observations, o + 4);
        Sse.MoveLowToHigh(ab1, cd1).StoreUnsafe(ref observations, o + 8);
        Sse.MoveHighToLow(cd1, ab1).StoreUnsafe(ref observations, o + 12);

        for (var j = i; j < i + 4; j++)
        {
            if (!AutoresetInstead(j))
            {
                Finish(j);
            }
        }
    }

    // Termination, reward and bookkeeping of a stepped copy.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Finish(int i)
    {
        var terminated = CartPoleDynamics.IsTerminal(_x[i], _theta[i]);
        Complete(i, _dynamics.Reward(terminated, ref _stepsBeyondTerminated[i]), terminated);
    }

    // CartPoleDynamics.Observe on the field arrays: the state cast to float32.
    private void WriteObservation(int i)
    {
        var observation = Observations.AsSpan(4 * i, 4);
        observation[3] = (float)_thetaDot[i];
        observation[2] = (float)_theta[i];
        observation[1] = (float)_xDot[i];
        observation[0] = (float)_x[i];
    }
}
