using System.Text.Json;

namespace RlGym.Core.Tests;

/// <summary>The <c>spaces[]</c> entries of numpy_rng.json whose description starts with a prefix, as theory data.</summary>
internal static class SpaceFixtureCases
{
    public static TheoryData<int> IndicesStartingWith(string prefix)
    {
        var data = new TheoryData<int>();
        var spaces = NumpyRngFixture.Root.GetProperty("spaces");
        for (var i = 0; i < spaces.GetArrayLength(); i++)
        {
            if (spaces[i].GetProperty("space").GetString()!.StartsWith(prefix, StringComparison.Ordinal))
            {
                data.Add(i);
            }
        }

        return data;
    }

    public static JsonElement Case(int index) => NumpyRngFixture.Root.GetProperty("spaces")[index];
}
