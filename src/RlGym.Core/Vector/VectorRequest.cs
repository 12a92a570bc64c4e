using RlGym.Core.Registration;

namespace RlGym.Core.Vector;

/// <summary>What a registered batched variant is asked to make (see <c>EnvRegistry.RegisterVector</c>).</summary>
/// <param name="Prototype">
/// A bare scalar environment made from the same kwargs (no wrappers, no render mode): its spaces and metadata are the
/// copies', and an environment built on dynamics hands over its <c>Dynamics</c>.
/// </param>
/// <param name="Kwargs">The merged kwargs.</param>
/// <param name="NumEnvs">Number of copies (at least 1).</param>
/// <param name="AutoresetMode">How copies that ended are reset.</param>
/// <param name="Spec">The effective registration (merged kwargs, the time limit the copies apply).</param>
public sealed record VectorRequest(IEnv Prototype, Kwargs Kwargs, int NumEnvs, AutoresetMode AutoresetMode, EnvSpec Spec);
