namespace RlGym.IntegrationTests.Docker;

/// <summary>The tests that run server containers: one at a time, sharing one image build.</summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<ServerImageFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Docker";
}
