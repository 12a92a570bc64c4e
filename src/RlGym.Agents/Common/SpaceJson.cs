using System.Globalization;
using System.Text.Json.Nodes;
using RlGym.Core.Spaces;

namespace RlGym.Agents.Common;

/// <summary>Writes and reads the spaces a checkpoint needs (Box, Discrete, MultiBinary, MultiDiscrete, Tuple) as JSON.</summary>
internal static class SpaceJson
{
    public static JsonObject Write(Space space) => space switch
    {
        Discrete d => new JsonObject { ["type"] = "discrete", ["n"] = d.N, ["start"] = d.Start },
        MultiBinary m => new JsonObject { ["type"] = "multi_binary", ["shape"] = Ints(m.Shape) },
        MultiDiscrete m => new JsonObject { ["type"] = "multi_discrete", ["nvec"] = Ints(m.Nvec), ["start"] = Ints(m.Start), ["shape"] = Ints(m.Shape) },
        TupleSpace t => new JsonObject { ["type"] = "tuple", ["spaces"] = new JsonArray(t.Spaces.Select(s => (JsonNode)Write(s)).ToArray()) },
        IBox box => new JsonObject
        {
            ["type"] = "box",
            ["dtype"] = box.DType.NumpyName(),
            ["shape"] = Ints(space.Shape),
            ["low"] = Doubles(box.Low),
            ["high"] = Doubles(box.High),
        },
        _ => throw new NotSupportedException($"Checkpoints cannot describe the space {space}."),
    };

    public static Space Read(JsonNode node)
    {
        var type = node["type"]!.GetValue<string>();
        return type switch
        {
            "discrete" => new Discrete(node["n"]!.GetValue<int>(), node["start"]!.GetValue<int>()),
            "multi_binary" => new MultiBinary(ReadInts(node["shape"]!)),
            "multi_discrete" => new MultiDiscrete(ReadInts(node["nvec"]!), ReadInts(node["start"]!), ReadInts(node["shape"]!)),
            "tuple" => new TupleSpace(node["spaces"]!.AsArray().Select(s => Read(s!)).ToArray()),
            "box" => Box(node["dtype"]!.GetValue<string>(), ReadDoubles(node["low"]!), ReadDoubles(node["high"]!), ReadInts(node["shape"]!)),
            _ => throw new FormatException($"Unknown space type '{type}'."),
        };
    }

    private static Space Box(string dtype, double[] low, double[] high, int[] shape) =>
        (DTypeExtensions.TryParseNumpyName(dtype, out var type) ? IBox.Create(type, low, high, shape) : null)
        ?? throw new FormatException($"Unknown Box dtype '{dtype}'.");

    private static JsonArray Ints(IEnumerable<int> values) => new(values.Select(v => (JsonNode)v).ToArray());

    // Bounds may be infinite, which JSON numbers cannot hold: they travel as round-trip strings.
    private static JsonArray Doubles(IEnumerable<double> values) => new(values.Select(v => (JsonNode)v.ToString("R", CultureInfo.InvariantCulture)).ToArray());

    private static int[] ReadInts(JsonNode node) => node.AsArray().Select(v => v!.GetValue<int>()).ToArray();

    private static double[] ReadDoubles(JsonNode node) => node.AsArray().Select(v => double.Parse(v!.GetValue<string>(), CultureInfo.InvariantCulture)).ToArray();
}
