using System.Text.Json;
using RlGym.TestSupport;

namespace RlGym.Core.Tests;

/// <summary>../shared/fixtures/gymnasium/numpy_rng.json, loaded once.</summary>
internal static class NumpyRngFixture
{
    private static readonly Lazy<JsonElement> LazyRoot = new(() =>
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.GymnasiumFixtures, "numpy_rng.json"));
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.Clone();
    });

    public static JsonElement Root => LazyRoot.Value;

    /// <summary>The seeds the file records (0, 1, 42, 12345, 2147483647), as xunit theory data.</summary>
    public static TheoryData<int> SeedIndices
    {
        get
        {
            var data = new TheoryData<int>();
            for (var i = 0; i < Root.GetProperty("seeds").GetArrayLength(); i++)
            {
                data.Add(i);
            }

            return data;
        }
    }

    public static JsonElement Seed(int index) => Root.GetProperty("seeds")[index];

    public static ulong SeedValue(int index) => ulong.Parse(Seed(index).GetProperty("seed_sequence").GetProperty("entropy").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public static JsonElement Draws(int index, string name) => Seed(index).GetProperty("draws").GetProperty(name);
}
