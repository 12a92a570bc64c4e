using RlGym.Core.Checking;
using RlGym.Environments;
using RlGym.TestSupport.Server;

namespace RlGym.Client.Tests;

/// <summary>The conformance suite through the server: every built-in id, reached with RemoteEnv, passes the checker.</summary>
public sealed class RemoteConformanceTests : IAsyncLifetime
{
    private LoopbackServer? _server;

    public static TheoryData<string> RegisteredIds() => new(Gym.Registry.Specs.Select(spec => spec.Id));

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(RegisteredIds))]
    public void Check_RegisteredIdOverTheWire_PassesEveryCheck(string id)
    {
        var options = new RemoteEnvOptions { Address = _server!.Address.ToString() };

        // The server applies the time limit, so the bare environment's own-limit check only runs in process.
        var report = EnvChecker.Check(
            renderMode => RemoteEnv.Make(id, options, renderMode: renderMode),
            new EnvCheckOptions { CheckOwnTimeLimit = false });

        Assert.True(report.Passed, report.ToString());
    }
}
