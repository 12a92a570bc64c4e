using System.Net;
using RlGym.Server.Dashboard;
using RlGym.Server.Security;
using RlGym.TestSupport.Environments;
using RlGym.TestSupport.Server;

namespace RlGym.Server.Tests.Dashboard;

/// <summary>The browser dashboard over real HTTP: served on the gRPC-Web port only, with its caching and security headers.</summary>
public class DashboardFilesTests
{
    [Theory]
    [InlineData("/", "text/html", "<!doctype html>")]
    [InlineData("/dashboard.js", "text/javascript", "// RlGym dashboard")]
    public async Task Get_FileOnTheGrpcWebPort_IsServedWithItsHeaders(string path, string mediaType, string start)
    {
        var (server, http) = await StartAsync();
        await using var running = server;
        using var client = http;

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.StartsWith(start, body, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoCache, "Cache-Control: no-cache");
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(DashboardFiles.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.StartsWith("default-src 'self';", DashboardFiles.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_IfNoneMatchHasTheETag_Answers304WithoutABody()
    {
        var (server, http) = await StartAsync();
        await using var running = server;
        using var client = http;
        using var first = await http.GetAsync(new Uri("/dashboard.js", UriKind.Relative));

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/dashboard.js", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var response = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(first.Headers.ETag, response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_Root_AnswersTheHeadersWithoutABody()
    {
        var (server, http) = await StartAsync();
        await using var running = server;
        using var client = http;
        using var get = await http.GetAsync(new Uri("/", UriKind.Relative));

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("/", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(get.Content.Headers.ContentLength, response.Content.Headers.ContentLength);
        Assert.Equal(get.Headers.ETag, response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Post_Root_Is405AllowingGetAndHead()
    {
        var (server, http) = await StartAsync();
        await using var running = server;
        using var client = http;

        using var response = await http.PostAsync(new Uri("/", UriKind.Relative), new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Get_UnknownPathOnTheGrpcWebPort_Is404()
    {
        var (server, http) = await StartAsync();
        await using var running = server;
        using var client = http;

        using var response = await http.GetAsync(new Uri("/index.html", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_RootOnTheGrpcPortOrTheMetricsPort_IsNotServed()
    {
        var metricsPort = LoopbackServer.FreeTcpPort();
        var (server, http) = await StartAsync(o => o.MetricsPort = metricsPort);
        await using var running = server;
        using var client = http;
        using var grpcPort = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var metrics = new HttpClient();

        using var onGrpc = await grpcPort.GetAsync(new Uri(server.Address, "/"));
        using var onMetrics = await metrics.GetAsync(new Uri($"http://127.0.0.1:{metricsPort}/dashboard.js"));

        Assert.Equal(HttpStatusCode.NotFound, onGrpc.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onMetrics.StatusCode);
    }

    [Fact]
    public async Task Get_RootWithTheDashboardOff_Is404()
    {
        var (server, http) = await StartAsync(o => o.Dashboard = false);
        await using var running = server;
        using var client = http;

        using var response = await http.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_RootWithApiKeysRequired_IsServedWithoutAKey()
    {
        var (server, http) = await StartAsync(o => o.ApiKeys.Add(new ApiKeyOptions { Key = "secret" }));
        await using var running = server;
        using var client = http;

        using var response = await http.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A server with a gRPC-Web port, and an HTTP/1.1 client for that port.</summary>
    private static async Task<(LoopbackServer Server, HttpClient Http)> StartAsync(Action<RlGymServerOptions>? configure = null)
    {
        var webPort = LoopbackServer.FreeTcpPort();
        var server = await LoopbackServer.StartAsync(TestEnvironments.CreateRegistry(), o =>
        {
            o.GrpcWebPort = webPort;
            configure?.Invoke(o);
        });
        return (server, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") });
    }
}
