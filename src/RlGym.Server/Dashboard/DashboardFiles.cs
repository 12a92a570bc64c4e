using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace RlGym.Server.Dashboard;

/// <summary>
/// The browser dashboard (<c>/</c> and <c>/dashboard.js</c>), embedded in this assembly from <c>Dashboard/</c>, where
/// <c>npm run build:dashboard</c> in clients/typescript writes it. Served on the gRPC-Web port only (see
/// <see cref="RlGymServerOptions.Dashboard"/>): the page calls the server over gRPC-Web from the same origin.
/// </summary>
internal static class DashboardFiles
{
    /// <summary>
    /// Everything the page loads comes from this server. protobufjs builds its encoders and decoders with
    /// <c>new Function</c> at run time, hence <c>'unsafe-eval'</c>; the page's only inline code is its style sheet.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, DashboardFile> Files = new Dictionary<string, DashboardFile>
    {
        ["/"] = Load("index.html", "text/html; charset=utf-8"),
        ["/dashboard.js"] = Load("dashboard.js", "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="path"/> is one of the dashboard's files.</summary>
    public static bool Serves(PathString path) => path.HasValue && Files.ContainsKey(path.Value!);

    /// <summary>
    /// Answers a request for one of the dashboard's files: GET and HEAD, with an ETag (304 when If-None-Match has it),
    /// <c>Cache-Control: no-cache</c> (browsers revalidate, so a new server version shows at once), nosniff and the CSP;
    /// any other method is 405.
    /// </summary>
    public static async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var file = Files[request.Path.Value!];
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return;
        }

        var headers = response.GetTypedHeaders();
        headers.ETag = file.ETag;
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers["Referrer-Policy"] = "no-referrer";
        if (request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(file.ETag, useStrongComparison: false)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = file.ContentType;
        response.ContentLength = file.Content.Length;
        if (HttpMethods.IsGet(request.Method))
        {
            await response.Body.WriteAsync(file.Content, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static DashboardFile Load(string name, string contentType)
    {
        var resource = $"{typeof(DashboardFiles).Namespace}.{name}";
        using var stream = typeof(DashboardFiles).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The dashboard file {resource} is not embedded in {typeof(DashboardFiles).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 16));
        return new DashboardFile(content, contentType, new EntityTagHeaderValue($"\"{hash}\""));
    }

    private sealed record DashboardFile(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
}
