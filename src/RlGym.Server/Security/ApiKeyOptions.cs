namespace RlGym.Server.Security;

/// <summary>
/// One API key the server accepts (configuration <c>RlGym:ApiKeys:N</c>, e.g. the environment variables
/// <c>RlGym__ApiKeys__0__Key=...</c> and <c>RlGym__ApiKeys__0__Environments__0=CartPole-*</c>).
/// </summary>
public sealed record ApiKeyOptions
{
    /// <summary>The secret a client sends in the API key header (see <see cref="RlGymServerOptions.ApiKeyHeader"/>).</summary>
    public string Key { get; set; } = "";

    /// <summary>A name for logs and for handle ownership; defaults to <c>key-N</c> (N: its position in the list).</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Environment ids this key may list, describe and create, as patterns where <c>*</c> matches any run of
    /// characters (e.g. <c>CartPole-*</c>); empty allows every id.
    /// </summary>
    public IList<string> Environments { get; set; } = [];
}
