namespace RlGym.Core;

/// <summary>
/// An environment that holds memory in proportion to its arguments (a map, a transition table) says roughly how much,
/// so a server can count it against a memory budget. Environments whose state is a few numbers need not implement it.
/// </summary>
public interface IMemoryEstimate
{
    /// <summary>Rough bytes this environment holds beyond a plain object: tables, maps, buffers.</summary>
    long EstimatedBytes { get; }
}
