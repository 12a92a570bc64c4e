using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using RlGym.Core;
using RlGym.Core.Registration;
using RlGym.Core.Wrappers;
using RlGym.TestSupport.Gymnasium;

namespace RlGym.Environments.Tests.ClassicControl;

/// <summary>
/// Replays a recorded Gymnasium run through a registry's <c>Make</c> (time limit and order enforcement included) and
/// checks every observation, reward, flag, info, recorded internal state and the generator state at each reset and
/// episode end, failing at the first difference with the run, episode and step named.
/// </summary>
internal static class ClassicControlFixtureReplay
{
    private static readonly ConcurrentDictionary<string, GymnasiumFixture> Cache = new(StringComparer.Ordinal);

    /// <summary>The fixture file, loaded once per test run.</summary>
    public static GymnasiumFixture Load(string file) => Cache.GetOrAdd(file, GymnasiumFixture.Load);

    /// <summary>Theory rows: one per recorded run of <paramref name="file"/>.</summary>
    public static TheoryData<int> RunIndices(string file) => new(Enumerable.Range(0, Load(file).Runs.Count));

    /// <summary>Replays run <paramref name="runIndex"/> of <paramref name="file"/>.</summary>
    /// <param name="registry">Registry to make the fixture's id from.</param>
    /// <param name="file">Fixture file name.</param>
    /// <param name="runIndex">Index into the file's runs.</param>
    /// <param name="readAction">Converts a recorded action.</param>
    /// <param name="readState">The unwrapped environment's internal state as float64 values (Gymnasium's order).</param>
    public static void Replay<TEnv, TAction>(
        EnvRegistry registry,
        string file,
        int runIndex,
        Func<JsonElement, TAction> readAction,
        Func<TEnv, double[]> readState)
        where TEnv : Env<float[], TAction>
        where TAction : notnull
    {
        var fixture = Load(file);
        var run = fixture.Runs[runIndex];
        using var env = registry.Make<float[], TAction>(fixture.EnvId, fixture.MakeKwargs);
        var bare = Assert.IsType<TEnv>(((Wrapper<float[], TAction>)env).Unwrapped);

        for (var e = 0; e < run.Episodes.Count; e++)
        {
            var episode = run.Episodes[e];
            var where = $"{file} {run} episode {e}";
            var (resetObs, resetInfo) = env.Reset(episode.ResetSeed);
            AssertObservation(GymnasiumFixture.ToFloatArray(episode.ResetObservation), resetObs, $"{where} reset");
            Assert.Empty(resetInfo);
            Assert.Empty(episode.ResetInfo.EnumerateObject());
            if (episode.ResetState is { } resetState)
            {
                AssertState(GymnasiumFixture.ToDoubleArray(resetState), readState(bare), $"{where} reset");
            }

            AssertRng(episode.RngAfterReset, bare, $"{where} after reset");

            for (var t = 0; t < episode.Length; t++)
            {
                var step = env.Step(readAction(episode.Actions[t]));
                var at = $"{where} step {t}";
                AssertObservation(GymnasiumFixture.ToFloatArray(episode.Observations[t]), step.Observation, at);
                var reward = GymnasiumFixture.ToDouble(episode.Rewards[t]);
                Assert.True(
                    reward.Equals(step.Reward),
                    $"{at}: reward {Show(step.Reward)}, Gymnasium {Show(reward)}");
                Assert.True(episode.TerminatedAt(t) == step.Terminated, $"{at}: terminated {step.Terminated}");
                Assert.True(episode.TruncatedAt(t) == step.Truncated, $"{at}: truncated {step.Truncated}");
                if (episode.Infos is { } infos)
                {
                    Assert.Empty(infos[t].EnumerateObject());
                }

                Assert.Empty(step.Info);
                if (episode.States is { } states)
                {
                    AssertState(GymnasiumFixture.ToDoubleArray(states[t]), readState(bare), at);
                }
            }

            AssertRng(episode.RngAtEnd, bare, $"{where} at end");
        }
    }

    /// <summary>A registry holding <paramref name="spec"/> (a built-in spec) with a different constructor.</summary>
    public static EnvRegistry RegistryWith<TAction>(EnvSpec spec, Func<Kwargs, string?, Env<float[], TAction>> create)
        where TAction : notnull
    {
        var registry = new EnvRegistry();
        registry.Register<float[], TAction>(spec, create);
        return registry;
    }

    private static void AssertObservation(float[] expected, float[] actual, string where)
    {
        Assert.True(expected.Length == actual.Length, $"{where}: observation length {actual.Length}, Gymnasium {expected.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                expected[i].Equals(actual[i]),
                $"{where}: observation [{string.Join(", ", actual.Select(Show))}], Gymnasium [{string.Join(", ", expected.Select(Show))}] (element {i})");
        }
    }

    private static void AssertState(double[] expected, double[] actual, string where)
    {
        Assert.True(expected.Length == actual.Length, $"{where}: state length {actual.Length}, Gymnasium {expected.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                expected[i].Equals(actual[i]),
                $"{where}: state [{string.Join(", ", actual.Select(Show))}], Gymnasium [{string.Join(", ", expected.Select(Show))}] (element {i})");
        }
    }

    private static void AssertRng<TAction>(FixtureRngState expected, Env<float[], TAction> env, string where)
        where TAction : notnull
    {
        var bits = env.NpRandom.BitGenerator;
        Assert.True(expected.State == bits.State, $"{where}: PCG64 state {bits.State}, Gymnasium {expected.State}");
        Assert.True(expected.HasUint32 == bits.HasUint32, $"{where}: has_uint32 {bits.HasUint32}, Gymnasium {expected.HasUint32}");
        Assert.True(expected.UInteger == bits.UInteger, $"{where}: uinteger {bits.UInteger}, Gymnasium {expected.UInteger}");
    }

    private static string Show(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
