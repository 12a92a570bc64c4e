using RlGym.Protocol.V1;

namespace RlGym.Server.Tests.Fuzz;

/// <summary>A handle the fuzzer may name: a real one (with its copies and action space) or a made-up one (no space).</summary>
/// <param name="Name">The handle string.</param>
/// <param name="NumEnvs">Copies (0 for a single environment).</param>
/// <param name="ActionSpace">The action space of one copy; null for made-up handles.</param>
internal sealed record FuzzHandle(string Name, long NumEnvs, Space? ActionSpace);
