using RlGym.Client.Transport;
using RlGym.Environments;
using RlGym.TestSupport.Server;

namespace RlGym.Client.Tests.Transport;

public sealed class ChannelFactoryTests
{
    [Theory]
    [InlineData("127.0.0.1:50051")]
    [InlineData("ftp://127.0.0.1:50051")]
    [InlineData("unix://")]
    public void Create_BadAddress_ThrowsNamingTheAcceptedForms(string address)
    {
        var error = Assert.Throws<ArgumentException>(() => ChannelFactory.Create(new RemoteEnvOptions { Address = address }));

        Assert.Contains("unix:///path/to.sock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnixSocketAddress_ReachesServerOnTheSocket()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"rlgym-client-{Guid.NewGuid():N}.sock");
        try
        {
            await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry(), o => o.UnixSocketPath = socket);

            using var env = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions { Address = "unix://" + socket });
            var (observation, _) = env.Reset(seed: 42);
            using var overTcp = RemoteEnv.Make<float[], int>("CartPole-v1", new RemoteEnvOptions { Address = server.Address.ToString() });

            Assert.Equal(overTcp.Reset(seed: 42).Observation, observation);
        }
        finally
        {
            File.Delete(socket);
        }
    }
}
