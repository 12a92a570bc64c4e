using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.Options;
using RlGym.Server.Errors;

namespace RlGym.Server.Security;

/// <summary>
/// Checks the API key a call carries against <see cref="RlGymServerOptions.ApiKeys"/>. With no keys configured every
/// call is <see cref="Caller.Anonymous"/>. Keys are compared as SHA-256 digests in constant time, so neither the
/// comparison nor the stored form gives a key away.
/// </summary>
internal sealed class ApiKeyAuthenticator
{
    private readonly (byte[] Digest, Caller Caller)[] _keys;
    private readonly string _header;

    public ApiKeyAuthenticator(IOptions<RlGymServerOptions> options)
    {
        var value = options.Value;
        _header = value.ApiKeyHeader.ToLowerInvariant();
        _keys = [.. value.ApiKeys.Select((key, index) => (Digest(key.Key), new Caller(key.Name ?? $"key-{index}", key.Environments)))];
    }

    /// <summary>Whether calls must carry a key.</summary>
    public bool Required => _keys.Length > 0;

    /// <summary>The caller behind <paramref name="headers"/>; UNAUTHENTICATED when a key is required and missing or unknown.</summary>
    public Caller Authenticate(Metadata headers)
    {
        if (!Required)
        {
            return Caller.Anonymous;
        }

        var presented = headers.GetValue(_header);
        if (string.IsNullOrEmpty(presented))
        {
            throw new AuthenticationRequiredException($"This server requires an API key: send it in the '{_header}' request header.");
        }

        var digest = Digest(presented);
        Caller? match = null;
        foreach (var (known, caller) in _keys)
        {
            // Compare with every key, so the time taken does not tell which prefix matched.
            if (CryptographicOperations.FixedTimeEquals(known, digest))
            {
                match = caller;
            }
        }

        return match ?? throw new AuthenticationRequiredException($"The API key in the '{_header}' header is not one this server accepts.");
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
