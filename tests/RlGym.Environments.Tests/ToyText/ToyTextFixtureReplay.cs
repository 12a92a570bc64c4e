using System.Globalization;
using System.Text.Json;
using RlGym.Core;
using RlGym.Core.Random;
using RlGym.Core.Wrappers;
using RlGym.Environments;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Environments.Tests.ToyText;

/// <summary>
/// Replays every run of a toy-text fixture through the built-in registry's <c>Make</c> and compares each reset and
/// step with what Gymnasium recorded: observation, reward and its Python type, flags, info entries with their Python
/// types, and the PCG64 state after each reset and at each episode end.
/// </summary>
internal static class ToyTextFixtureReplay
{
    /// <summary>Replays <paramref name="fileName"/>; returns the number of steps compared.</summary>
    public static int Replay(string fileName)
    {
        var fixture = GymnasiumFixture.Load(fileName);
        var registry = BuiltInEnvironments.CreateRegistry();
        var rewardType = fixture.Root.GetProperty("python_types").GetProperty("step.reward")[0].GetString();
        var steps = 0;
        var increments = fixture.Root.GetProperty("runs").EnumerateArray().Select(r => GymnasiumFixture.ToUInt128(r.GetProperty("pcg64_inc"))).ToArray();
        for (var r = 0; r < fixture.Runs.Count; r++)
        {
            var run = fixture.Runs[r];
            using var env = registry.Make(fixture.EnvId, fixture.MakeKwargs);
            Assert.Equal(rewardType == "int" ? RewardType.Int : RewardType.Float, env.Metadata.RewardType);
            for (var e = 0; e < run.Episodes.Count; e++)
            {
                var episode = run.Episodes[e];
                var where = $"{fileName} {run} episode {e}";
                var (resetObs, resetInfo) = env.ResetObject(episode.ResetSeed);
                AssertObservation(episode.ResetObservation, resetObs, $"{where} reset");
                AssertInfo(episode.ResetInfo, resetInfo, $"{where} reset");
                AssertRng(episode.RngAfterReset, RandomOf(env), $"{where} after reset");
                Check(increments[r], RandomOf(env).BitGenerator.Increment, $"{where} PCG64 increment");

                for (var t = 0; t < episode.Length; t++)
                {
                    var at = $"{where} step {t}";
                    var action = episode.Actions[t].GetInt32();
                    var result = env.StepObject(action);
                    AssertObservation(episode.Observations[t], result.Observation, at);
                    Check(GymnasiumFixture.ToDouble(episode.Rewards[t]), result.Reward, $"{at} reward");
                    Check(episode.TerminatedAt(t), result.Terminated, $"{at} terminated");
                    Check(episode.TruncatedAt(t), result.Truncated, $"{at} truncated");
                    if (episode.Infos is { } infos)
                    {
                        AssertInfo(infos[t], result.Info, at);
                    }
                    else
                    {
                        Check(0, result.Info.Count, $"{at} info entries");
                    }

                    steps++;
                }

                AssertRng(episode.RngAtEnd, RandomOf(env), $"{where} at end");
            }
        }

        return steps;
    }

    /// <summary>The generator of the innermost environment.</summary>
    public static NumpyGenerator RandomOf(IEnv env) => env switch
    {
        Wrapper<int, int> w => ((Env<int, int>)w.Unwrapped).NpRandom,
        Wrapper<object[], int> w => ((Env<object[], int>)w.Unwrapped).NpRandom,
        Env<int, int> bare => bare.NpRandom,
        Env<object[], int> bare => bare.NpRandom,
        _ => throw new InvalidOperationException($"Unexpected environment type {env.GetType()}."),
    };

    private static void AssertObservation(JsonElement expected, object actual, string where)
    {
        if (expected.ValueKind == JsonValueKind.Array)
        {
            var tuple = Assert.IsType<object[]>(actual);
            var values = expected.EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Check(values.Length, tuple.Length, $"{where} observation length");
            for (var i = 0; i < values.Length; i++)
            {
                Check(values[i], Assert.IsType<int>(tuple[i]), $"{where} observation[{i}]");
            }
        }
        else
        {
            Check(expected.GetInt32(), Assert.IsType<int>(actual), $"{where} observation");
        }
    }

    private static void AssertInfo(JsonElement expected, IReadOnlyDictionary<string, object> actual, string where)
    {
        var keys = expected.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Check(string.Join(",", keys), string.Join(",", actual.Keys.Order(StringComparer.Ordinal)), $"{where} info keys");
        foreach (var property in expected.EnumerateObject())
        {
            var value = actual[property.Name];
            var key = $"{where} info[{property.Name}]";
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                var mask = Assert.IsType<sbyte[]>(value);
                Check(string.Join(",", property.Value.EnumerateArray().Select(v => v.GetInt32())), string.Join(",", mask), key);
            }
            else if (GymnasiumFixture.ToPlain(property.Value) is long integer)
            {
                Check(integer, Assert.IsType<long>(value), key);
            }
            else
            {
                Check(property.Value.GetDouble(), Assert.IsType<double>(value), key);
            }
        }
    }

    private static void AssertRng(FixtureRngState expected, NumpyGenerator random, string where)
    {
        var bits = random.BitGenerator;
        Check(expected.State, bits.State, $"{where} PCG64 state");
        Check(expected.HasUint32, bits.HasUint32, $"{where} PCG64 has_uint32");
        Check(expected.UInteger, bits.UInteger, $"{where} PCG64 uinteger");
    }

    private static void Check<T>(T expected, T actual, string where)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{where}: expected {expected}, got {actual}."));
        }
    }
}
