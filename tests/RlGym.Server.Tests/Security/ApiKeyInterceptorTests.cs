using Grpc.Core;
using Grpc.Health.V1;
using RlGym.Client;
using RlGym.Environments;
using RlGym.Protocol.V1;
using RlGym.Server.Security;
using RlGym.TestSupport.Server;

namespace RlGym.Server.Tests.Security;

/// <summary>API keys over a real loopback server: UNAUTHENTICATED, PERMISSION_DENIED and handle ownership.</summary>
public class ApiKeyInterceptorTests
{
    private const string FullKey = "full-access-secret";
    private const string CartPoleOnlyKey = "cartpole-only-secret";

    [Fact]
    public async Task Call_WithoutKey_IsUnauthenticatedNamingTheHeader()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.ListEnvironmentsAsync(new ListEnvironmentsRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("'x-api-key'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithUnknownKey_IsUnauthenticated()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.ListEnvironmentsAsync(new ListEnvironmentsRequest(), Headers("not-a-key")));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("not one this server accepts", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_WithoutKey_IsUnauthenticated()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        using var call = client.Session();
        await call.RequestStream.WriteAsync(new SessionRequest { RequestId = 1, List = new ListEnvironmentsRequest() });
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task HealthCheck_WithoutKey_StaysOpenForProbes()
    {
        await using var server = await StartAsync();
        var health = new Health.HealthClient(server.CreateChannel());

        var response = await health.CheckAsync(new HealthCheckRequest { Service = RlGymServer.HealthServiceName });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task RemoteEnv_WithKey_PlaysCartPole()
    {
        await using var server = await StartAsync();

        using var env = RemoteEnv.Make("CartPole-v1", new RemoteEnvOptions { Address = server.Address.ToString(), ApiKey = FullKey });
        var reset = env.ResetObject(seed: 42);
        var step = env.StepObject(0);

        Assert.Equal(Gym.Make("CartPole-v1").ResetObject(seed: 42).Observation, reset.Observation);
        Assert.False(step.Terminated);
    }

    [Fact]
    public async Task ListEnvironments_LimitedKey_ListsOnlyItsEnvironments()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var list = await client.ListEnvironmentsAsync(new ListEnvironmentsRequest(), Headers(CartPoleOnlyKey));

        Assert.Equal(["CartPole-v0", "CartPole-v1"], list.Environments.Select(e => e.Spec.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateEnvironment_LimitedKeyOtherEnvironment_IsPermissionDeniedListingAllowedPatterns()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "Taxi-v3" }, Headers(CartPoleOnlyKey)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("'Taxi-v3'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("CartPole-*", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeEnvironment_LimitedKeyOtherEnvironment_IsPermissionDenied()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.DescribeEnvironmentAsync(new DescribeEnvironmentRequest { EnvId = "Taxi-v3" }, Headers(CartPoleOnlyKey)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Step_HandleOfAnotherKey_IsPermissionDeniedAndOwnerKeepsIt()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "CartPole-v1" }, Headers(CartPoleOnlyKey));
        await client.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 1, Sequence = 1 }, Headers(CartPoleOnlyKey));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CloseEnvironmentAsync(new CloseEnvironmentRequest { Handle = created.Handle }, Headers(FullKey)));
        var step = await client.StepAsync(
            new StepRequest { Handle = created.Handle, Action = new Value { IntValue = 1 }, Sequence = 2 }, Headers(CartPoleOnlyKey));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains(created.Handle, error.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(step.Observation);
    }

    [Fact]
    public async Task Start_KeyWithoutSecret_FailsNamingTheSetting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry(), o => o.ApiKeys.Add(new ApiKeyOptions { Key = " " })));

        Assert.Contains("RlGym:ApiKeys", error.Message, StringComparison.Ordinal);
    }

    private static Metadata Headers(string key) => new() { { "x-api-key", key } };

    private static Task<LoopbackServer> StartAsync() => LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry(), options =>
    {
        options.ApiKeys.Add(new ApiKeyOptions { Key = FullKey, Name = "full" });
        options.ApiKeys.Add(new ApiKeyOptions { Key = CartPoleOnlyKey, Name = "cartpole", Environments = ["CartPole-*"] });
    });
}
