namespace RlGym.Server.Tests.Fuzz;

/// <summary>
/// The request fuzz test runs alone, after the other tests: it measures the process's GC heap, which tests running
/// beside it would move, and it should not slow them down on a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Fuzz";
}
