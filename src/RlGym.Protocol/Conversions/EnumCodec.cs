using RlGym.Core;
using RlGym.Core.Vector;
using Proto = RlGym.Protocol.V1;
using CoreAutoresetMode = RlGym.Core.Vector.AutoresetMode;

namespace RlGym.Protocol.Conversions;

/// <summary>
/// The protocol's enums to and from their core and string forms, written once for the server, the C# client and the
/// CLI: <see cref="Proto.AutoresetMode"/> and <see cref="CoreAutoresetMode"/>, <see cref="Proto.Backend"/>, and
/// <see cref="Proto.Vectorization"/> and their names (<see cref="Vectorizations"/> (<c>auto</c>, <c>sync</c>, <c>parallel</c>,
/// <c>soa</c>, <c>gymnasium</c>, <c>fast</c>)). Values outside an enum (a newer peer's, or garbage) are a
/// <see cref="ProtocolException"/> naming the accepted ones.
/// </summary>
public static class EnumCodec
{
    /// <summary>Every vectorization name, in the enum's order: the spelling of <c>vector_kwargs["vectorization"]</c> and of <c>Vectorizations</c>.</summary>
    public static IReadOnlyList<string> VectorizationNames { get; } =
        [Vectorizations.Auto, Vectorizations.Sync, Vectorizations.Parallel, Vectorizations.Soa, Vectorizations.Gymnasium, Vectorizations.Fast];

    /// <summary>The wire form of a core autoreset mode.</summary>
    public static Proto.AutoresetMode Encode(CoreAutoresetMode mode) => mode switch
    {
        CoreAutoresetMode.NextStep => Proto.AutoresetMode.NextStep,
        CoreAutoresetMode.SameStep => Proto.AutoresetMode.SameStep,
        CoreAutoresetMode.Disabled => Proto.AutoresetMode.Disabled,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not an AutoresetMode."),
    };

    /// <summary>The core autoreset mode of a wire one; UNSPECIFIED is NEXT_STEP, the default.</summary>
    /// <exception cref="ProtocolException">A value outside the enum.</exception>
    public static CoreAutoresetMode Decode(Proto.AutoresetMode mode) => mode switch
    {
        Proto.AutoresetMode.Unspecified or Proto.AutoresetMode.NextStep => CoreAutoresetMode.NextStep,
        Proto.AutoresetMode.SameStep => CoreAutoresetMode.SameStep,
        Proto.AutoresetMode.Disabled => CoreAutoresetMode.Disabled,
        _ => throw new ProtocolException($"Unknown autoreset_mode {(int)mode}; use AUTORESET_MODE_NEXT_STEP, AUTORESET_MODE_SAME_STEP or AUTORESET_MODE_DISABLED."),
    };

    /// <summary>A backend from the wire; UNSPECIFIED is AUTO.</summary>
    /// <exception cref="ProtocolException">A value outside the enum.</exception>
    public static Proto.Backend Decode(Proto.Backend backend) => backend switch
    {
        Proto.Backend.Unspecified or Proto.Backend.Auto => Proto.Backend.Auto,
        Proto.Backend.Cpu or Proto.Backend.Gpu => backend,
        _ => throw new ProtocolException($"Unknown backend {(int)backend}; use BACKEND_AUTO, BACKEND_CPU or BACKEND_GPU."),
    };

    /// <summary>
    /// A vectorization from the wire, itself when it is in the enum (UNSPECIFIED too: it defers to
    /// <c>vector_kwargs["vectorization"]</c>, see <see cref="ParseVectorization"/>).
    /// </summary>
    /// <exception cref="ProtocolException">A value outside the enum.</exception>
    public static Proto.Vectorization Decode(Proto.Vectorization vectorization) =>
        vectorization is >= Proto.Vectorization.Unspecified and <= Proto.Vectorization.Fast
            ? vectorization
            : throw new ProtocolException(
                $"Unknown vectorization {(int)vectorization}; use VECTORIZATION_AUTO, VECTORIZATION_SYNC, VECTORIZATION_PARALLEL, VECTORIZATION_SOA, VECTORIZATION_GYMNASIUM or VECTORIZATION_FAST.");

    /// <summary>The name of a vectorization (<c>soa</c> for SOA); null for UNSPECIFIED.</summary>
    /// <exception cref="ProtocolException">A value outside the enum.</exception>
    public static string? Name(Proto.Vectorization vectorization) =>
        Decode(vectorization) == Proto.Vectorization.Unspecified ? null : VectorizationNames[(int)vectorization - 1];

    /// <summary>The vectorization a name spells (<c>soa</c> is SOA), as <c>Vectorizations</c> and <c>vector_kwargs</c> spell them.</summary>
    /// <exception cref="ArgumentException">No vectorization has that name; the message lists those that do.</exception>
    public static Proto.Vectorization ParseVectorization(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < VectorizationNames.Count; i++)
        {
            if (string.Equals(VectorizationNames[i], name, StringComparison.Ordinal))
            {
                return (Proto.Vectorization)(i + 1);
            }
        }

        throw new ArgumentException($"Unknown vectorization {Formatting.Quote(name)}; accepted: {string.Join(", ", VectorizationNames)}.", nameof(name));
    }
}
