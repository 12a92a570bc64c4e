using RlGym.Core;
using RlGym.Core.Checking;
using RlGym.Core.Registration;
using RlGym.Protocol.Conversions;

namespace RlGym.Server.Plugins;

/// <summary>
/// <see cref="EnvChecker"/> (the checker of the conformance suite), the one check Core cannot make (every observation
/// and info value of reset and step can be sent over the rlgym.v1 protocol), and <see cref="VariantChecker"/> (the
/// id's soa variant equals copies of its scalar environment; its fast variant agrees in distribution).
/// </summary>
public static class PluginEnvChecker
{
    /// <summary>The name of the protocol check in the report.</summary>
    public const string SerialisableCheckName = "info serialisable";

    /// <summary>
    /// Checks <paramref name="id"/> as <paramref name="registry"/> makes it (with its time limit and order enforcement),
    /// and the batched variants its registration provides.
    /// </summary>
    public static EnvCheckReport Check(EnvRegistry registry, string id, EnvCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new EnvCheckOptions();
        IEnv Make(string? renderMode) => registry.Make(id, renderMode: renderMode);
        var report = EnvChecker.Check(Make, options);
        var results = report.Results.ToList();
        if (report.Results.All(r => r.Name != "create"))
        {
            results.Add(CheckSerialisable(Make, options));
            results.AddRange(VariantChecker.Check(registry, id, options));
        }

        return new EnvCheckReport(id, results);
    }

    /// <summary>Runs reset and <see cref="EnvCheckOptions.RandomSteps"/> random steps, encoding every observation and info value.</summary>
    public static EnvCheckResult CheckSerialisable(Func<string?, IEnv> make, EnvCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(make);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            using var env = make(null);
            env.ActionSpace.Seed(options.Seed);
            var reset = env.ResetObject(options.Seed);
            var problem = Encode(env, reset.Observation, reset.Info, "reset");
            for (var t = 0; problem is null && t < options.RandomSteps; t++)
            {
                var step = env.StepObject(env.ActionSpace.SampleObject());
                problem = Encode(env, step.Observation, step.Info, $"step {t}");
                if (problem is null && (step.Terminated || step.Truncated))
                {
                    var again = env.ResetObject();
                    problem = Encode(env, again.Observation, again.Info, $"reset after step {t}");
                }
            }

            return problem is null
                ? new EnvCheckResult(SerialisableCheckName, EnvCheckStatus.Passed, $"Observations and info values of reset and {options.RandomSteps} steps encode as rlgym.v1 values.")
                : new EnvCheckResult(SerialisableCheckName, EnvCheckStatus.Failed, problem);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new EnvCheckResult(SerialisableCheckName, EnvCheckStatus.Failed, $"The check stopped because the environment threw {e.GetType().Name}: {e.Message}");
        }
    }

    // Null when everything encodes; otherwise what failed and how to fix it.
    private static string? Encode(IEnv env, object observation, IReadOnlyDictionary<string, object> info, string when)
    {
        try
        {
            ValueCodec.Encode(observation, env.ObservationSpace);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidCastException or FormatException)
        {
            return $"The observation of {when} ({Formatting.Describe(observation)}, {observation.GetType().Name}) cannot be encoded for {env.ObservationSpace}: {e.Message}";
        }

        foreach (var (key, value) in info)
        {
            try
            {
                ValueCodec.FromPlain(value);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidCastException)
            {
                return $"info['{key}'] of {when} ({value?.GetType().Name ?? "null"}) cannot be sent to clients: {e.Message} "
                    + "Use bool, long, double, string, primitive arrays, lists, object[] tuples or string-keyed dictionaries.";
            }
        }

        return null;
    }
}
