using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using RlGym.Core;
using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments;
using RlGym.Environments.Fast;
using RlGym.Environments.Vectorized;

namespace RlGym.Gpu.Tests;

/// <summary>
/// The step kernel of every environment with fast dynamics compiles to PTX (CUDA), with no CUDA device needed. ILGPU's
/// CPU accelerator runs the kernels' IL as .NET code, so it would not notice what CUDA cannot compile (an exception,
/// a non-blittable type, an unsupported library call); this compiles them as a CUDA device would.
/// </summary>
public sealed class GpuKernelsTests
{
    [Theory]
    [InlineData("CartPole-v1")]
    [InlineData("MountainCar-v0")]
    [InlineData("MountainCarContinuous-v0")]
    [InlineData("Acrobot-v1")]
    [InlineData("Pendulum-v1")]
    [InlineData("MinAtar/Breakout-v0")]
    public void Step_EveryFastDynamics_CompilesToPtx(string id)
    {
        using var env = Gym.Make(id);
        using var context = Context.Create(builder => builder.Default());
        using var backend = new PTXBackend(context, CudaArchitecture.SM_80, CudaInstructionSet.ISA_80, nvvmAPI: null!);

        var kernel = Gym.Registry.FastDynamics(id, new Kwargs(id, env.Spec!.Kwargs))!.Accept(new StepKernel(), env.Unwrapped);
        var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(kernel), default);

        Assert.Contains(".entry", compiled.PTXAssembly, StringComparison.Ordinal);
    }

    private sealed class StepKernel : IFastDynamicsVisitor<MethodInfo>
    {
        public MethodInfo Visit<TDynamics, TState, TObs, TObsElement, TAction>(TDynamics dynamics, IEnv prototype)
            where TDynamics : struct, IFastDynamics<TState, TObs, TAction>
            where TState : unmanaged
            where TObs : unmanaged
            where TObsElement : unmanaged
            where TAction : unmanaged =>
            typeof(GpuKernels).GetMethod(nameof(GpuKernels.Step))!.MakeGenericMethod(typeof(TDynamics), typeof(TState), typeof(TObs), typeof(TAction));
    }
}
