using System.Collections.Concurrent;
using RlGym.Core.Registration;
using RlGym.Environments.Vectorized;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;

namespace RlGym.Server;

/// <summary>
/// Describes registered environments (spec, spaces with the default kwargs, metadata, the vectorizations offered). The
/// spaces come from making the environment once with its defaults; descriptions are cached per id, since a registration
/// never changes.
/// </summary>
internal sealed class EnvironmentCatalog(EnvRegistry registry)
{
    private readonly ConcurrentDictionary<string, EnvironmentDescription> _descriptions = new(StringComparer.Ordinal);

    /// <summary>Every registered environment <paramref name="include"/> accepts (all by default), ordered by id.</summary>
    public ListEnvironmentsResponse List(Func<string, bool>? include = null)
    {
        var response = new ListEnvironmentsResponse();
        response.Environments.AddRange(registry.Specs.Where(spec => include?.Invoke(spec.Id) ?? true).Select(spec => Describe(spec.Id)));
        return response;
    }

    /// <summary>One environment; NOT_FOUND (listing the ids) when unknown.</summary>
    public EnvironmentDescription Describe(string envId) => _descriptions.GetOrAdd(envId, id =>
    {
        var spec = registry.Spec(id);
        using var env = registry.Make(id);
        return new EnvironmentDescription
        {
            Spec = SpecCodec.Encode(env.Spec ?? spec),
            ObservationSpace = SpaceCodec.Encode(env.ObservationSpace),
            ActionSpace = SpaceCodec.Encode(env.ActionSpace),
            Metadata = SpecCodec.Encode(env.Metadata),
            Source = spec.Source,
            Vectorizations = { registry.Vectorizations(id).Select(EnumCodec.ParseVectorization) },
        };
    });
}
