using System.Text;

namespace RlGym.Core.Checking;

/// <summary>The result of <see cref="EnvChecker.Check(Func{string?, IEnv}, EnvCheckOptions?)"/>: every check, in the order run.</summary>
public sealed class EnvCheckReport
{
    /// <summary>A report of <paramref name="results"/> for the environment described by <paramref name="environment"/>.</summary>
    public EnvCheckReport(string environment, IReadOnlyList<EnvCheckResult> results)
    {
        Environment = environment;
        Results = results;
    }

    /// <summary>What was checked (the spec id or the environment's type name).</summary>
    public string Environment { get; }

    /// <summary>All checks, in the order they ran.</summary>
    public IReadOnlyList<EnvCheckResult> Results { get; }

    /// <summary>True when no check failed.</summary>
    public bool Passed => Results.All(r => r.Passed);

    /// <summary>The failed checks.</summary>
    public IReadOnlyList<EnvCheckResult> Failures => Results.Where(r => !r.Passed).ToArray();

    /// <summary>The result named <paramref name="name"/>.</summary>
    public EnvCheckResult this[string name] => Results.FirstOrDefault(r => r.Name == name)
        ?? throw new KeyNotFoundException($"No check named '{name}'; checks: {string.Join(", ", Results.Select(r => r.Name))}.");

    /// <summary>A readable summary: one line per check, then the verdict.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append("Environment check of ").Append(Environment).AppendLine(":");
        foreach (var result in Results)
        {
            builder.Append("  ").AppendLine(result.ToString());
        }

        var failures = Failures.Count;
        builder.Append(failures == 0 ? "All checks passed." : $"{failures} check(s) failed.");
        return builder.ToString();
    }
}
