using RlGym.Server.Errors;

namespace RlGym.Server.Security;

/// <summary>Who made a call: the API key's name (null when the server requires no key) and the ids it may use.</summary>
internal sealed class Caller
{
    private readonly string[] _environments;

    public Caller(string? name, IEnumerable<string> environments)
    {
        Name = name;
        _environments = [.. environments];
    }

    /// <summary>Every call, when the server has no API keys configured.</summary>
    public static Caller Anonymous { get; } = new(null, []);

    /// <summary>The key's name; null for <see cref="Anonymous"/>.</summary>
    public string? Name { get; }

    /// <summary>The id patterns this caller may use; empty for every id.</summary>
    public IReadOnlyList<string> Environments => _environments;

    /// <summary>Whether this caller may list, describe and create <paramref name="envId"/>.</summary>
    public bool MayUse(string envId) => _environments.Length == 0 || _environments.Any(pattern => Matches(pattern, envId));

    /// <summary>PERMISSION_DENIED unless this caller may use <paramref name="envId"/>.</summary>
    public void DemandUse(string envId)
    {
        if (!MayUse(envId))
        {
            throw new AccessDeniedException(
                $"API key '{Name}' may not use environment {Core.Formatting.Quote(envId)}; it is limited to: {string.Join(", ", _environments)}.");
        }
    }

    /// <summary>PERMISSION_DENIED unless this caller created the handle (owned by <paramref name="owner"/>).</summary>
    public void DemandOwnership(string handle, string? owner)
    {
        if (owner is not null && !string.Equals(owner, Name, StringComparison.Ordinal))
        {
            throw new AccessDeniedException($"Environment handle {Core.Formatting.Quote(handle)} was created with another API key; only that key may use it.");
        }
    }

    /// <summary>Glob match where <c>*</c> stands for any run of characters, case-sensitive like environment ids.</summary>
    internal static bool Matches(string pattern, string value)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, value, StringComparison.Ordinal);
        }

        if (!value.StartsWith(parts[0], StringComparison.Ordinal) || !value.EndsWith(parts[^1], StringComparison.Ordinal)
            || value.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        var position = parts[0].Length;
        var end = value.Length - parts[^1].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = value.IndexOf(parts[i], position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return true;
    }
}
