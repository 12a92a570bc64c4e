using System.Globalization;
using System.Text.Json;

namespace RlGym.TestSupport.Gymnasium;

/// <summary>
/// A trajectory file recorded from the real Gymnasium (see ../shared/fixtures/gymnasium/README.md for the schema).
/// Values stay <see cref="JsonElement"/>s; the static helpers read them with the README's number rules.
/// </summary>
public sealed class GymnasiumFixture
{
    private GymnasiumFixture(string file, JsonElement root)
    {
        File = file;
        Root = root;
        EnvId = root.GetProperty("env_id").GetString()!;
        MakeKwargs = root.TryGetProperty("make_kwargs", out var kw) ? ReadKwargs(kw) : new Dictionary<string, object?>();
        Runs = root.GetProperty("runs").EnumerateArray().Select(FixtureRun.Read).ToArray();
    }

    /// <summary>The file name, e.g. <c>CartPole-v1.json</c>.</summary>
    public string File { get; }

    /// <summary>The whole document.</summary>
    public JsonElement Root { get; }

    /// <summary>The id passed to <c>gymnasium.make</c>.</summary>
    public string EnvId { get; }

    /// <summary>The kwargs passed to <c>gymnasium.make</c> (ints as long, floats as double).</summary>
    public IReadOnlyDictionary<string, object?> MakeKwargs { get; }

    /// <summary>The recorded runs.</summary>
    public IReadOnlyList<FixtureRun> Runs { get; }

    /// <summary>Loads <paramref name="fileName"/> from the shared fixtures folder.</summary>
    public static GymnasiumFixture Load(string fileName)
    {
        var path = Path.Combine(RepositoryPaths.GymnasiumFixtures, fileName);
        using var stream = System.IO.File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        return new GymnasiumFixture(fileName, doc.RootElement.Clone());
    }

    /// <summary>Parses a recorded float (a number, or "inf"/"-inf"/"nan") as double.</summary>
    public static double ToDouble(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String => value.GetString() switch
        {
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" => double.NaN,
            var s => double.Parse(s!, CultureInfo.InvariantCulture),
        },
        _ => throw new FormatException($"Not a number: {value}"),
    };

    /// <summary>A recorded float32 array (exact: the README's decimals are float32 values).</summary>
    public static float[] ToFloatArray(JsonElement value) => value.EnumerateArray().Select(v => (float)ToDouble(v)).ToArray();

    /// <summary>A recorded float64 array.</summary>
    public static double[] ToDoubleArray(JsonElement value) => value.EnumerateArray().Select(ToDouble).ToArray();

    /// <summary>A recorded int array.</summary>
    public static int[] ToIntArray(JsonElement value) => value.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    /// <summary>A recorded 128-bit unsigned integer written as a decimal string.</summary>
    public static UInt128 ToUInt128(JsonElement value) => UInt128.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    /// <summary>A JSON value as the C# value Gymnasium's Python value maps to: long, double, bool, string, null, list or dict.</summary>
    public static object? ToPlain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt64(out var l) && !value.GetRawText().Contains('.', StringComparison.Ordinal)
            && !value.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase) => l,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(ToPlain).ToList(),
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value)),
        _ => throw new FormatException($"Unexpected JSON: {value}"),
    };

    private static Dictionary<string, object?> ReadKwargs(JsonElement kwargs) =>
        kwargs.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value));
}

/// <summary>One recorded run: episodes chained from <c>reset(seed=Seed)</c>, later resets unseeded.</summary>
public sealed record FixtureRun(ulong Seed, string Policy, int TotalSteps, bool HasState, IReadOnlyList<FixtureEpisode> Episodes)
{
    internal static FixtureRun Read(JsonElement run) => new(
        run.GetProperty("seed").GetUInt64(),
        run.GetProperty("policy").GetString()!,
        run.GetProperty("total_steps").GetInt32(),
        run.TryGetProperty("has_state", out var hs) && hs.GetBoolean(),
        run.GetProperty("episodes").EnumerateArray().Select(FixtureEpisode.Read).ToArray());

    /// <inheritdoc />
    public override string ToString() => $"seed {Seed} ({Policy})";
}

/// <summary>One recorded episode (see the README's EPISODE schema).</summary>
public sealed record FixtureEpisode(
    ulong? ResetSeed,
    JsonElement ResetObservation,
    JsonElement ResetInfo,
    JsonElement? ResetState,
    FixtureRngState RngAfterReset,
    int Length,
    bool Ended,
    bool LastTerminated,
    bool LastTruncated,
    IReadOnlyList<JsonElement> Actions,
    IReadOnlyList<JsonElement> Observations,
    IReadOnlyList<JsonElement> Rewards,
    IReadOnlyList<JsonElement>? Infos,
    IReadOnlyList<JsonElement>? States,
    FixtureRngState RngAtEnd)
{
    internal static FixtureEpisode Read(JsonElement e)
    {
        var reset = e.GetProperty("reset");
        var steps = e.GetProperty("steps");
        return new FixtureEpisode(
            e.GetProperty("reset_seed").ValueKind == JsonValueKind.Null ? null : e.GetProperty("reset_seed").GetUInt64(),
            reset.GetProperty("obs"),
            reset.GetProperty("info"),
            reset.TryGetProperty("state", out var rs) ? rs : null,
            FixtureRngState.Read(e.GetProperty("rng_after_reset")),
            e.GetProperty("length").GetInt32(),
            e.GetProperty("ended").GetBoolean(),
            e.GetProperty("last_terminated").GetBoolean(),
            e.GetProperty("last_truncated").GetBoolean(),
            steps.GetProperty("action").EnumerateArray().ToArray(),
            steps.GetProperty("obs").EnumerateArray().ToArray(),
            steps.GetProperty("reward").EnumerateArray().ToArray(),
            steps.TryGetProperty("info", out var info) && info.ValueKind == JsonValueKind.Array ? info.EnumerateArray().ToArray() : null,
            steps.TryGetProperty("state", out var st) && st.ValueKind == JsonValueKind.Array ? st.EnumerateArray().ToArray() : null,
            FixtureRngState.Read(e.GetProperty("rng_at_end")));
    }

    /// <summary>Terminated flag of step <paramref name="t"/> (only the last step can be true).</summary>
    public bool TerminatedAt(int t) => t == Length - 1 && LastTerminated;

    /// <summary>Truncated flag of step <paramref name="t"/> (only the last step can be true).</summary>
    public bool TruncatedAt(int t) => t == Length - 1 && LastTruncated;
}

/// <summary>A recorded PCG64 state: the 128-bit LCG state and the buffered 32-bit half.</summary>
public sealed record FixtureRngState(UInt128 State, bool HasUint32, uint UInteger)
{
    internal static FixtureRngState Read(JsonElement e) => new(
        GymnasiumFixture.ToUInt128(e[0]),
        e[1].ValueKind == JsonValueKind.True || (e[1].ValueKind == JsonValueKind.Number && e[1].GetInt32() != 0),
        e[2].GetUInt32());
}
