using RlGym.Core.Vector;

namespace RlGym.Core.Tests.Vector;

public class VectorInfoTests
{
    [Fact]
    public void Concatenate_KeyInOnePart_JoinsArraysAndMasksAlongTheCopies()
    {
        var first = Info(2, (0, "lives", 3L));
        var second = Info(3, (1, "lives", 5L), (2, "lives", 4L));

        var joined = VectorInfo.Concatenate([first, second], [2, 3]);

        Assert.Equal([3L, 0L, 0L, 5L, 4L], (long[])joined["lives"]);
        Assert.Equal([true, false, false, true, true], (bool[])joined["_lives"]);
    }

    [Fact]
    public void Concatenate_KeyMissingFromAPart_LeavesItsCopiesUnmasked()
    {
        var first = Info(2);
        var second = Info(1, (0, "x", 1.5));

        var joined = VectorInfo.Concatenate([first, second], [2, 1]);

        Assert.Equal([0.0, 0.0, 1.5], (double[])joined["x"]);
        Assert.Equal([false, false, true], (bool[])joined["_x"]);
    }

    [Fact]
    public void Concatenate_RowsAndNestedDicts_JoinRowsAndRecurse()
    {
        var first = Info(1, (0, "pos", new[] { 1f, 2f }), (0, "final_info", new Dictionary<string, object> { ["n"] = 7L }));
        var second = Info(2, (1, "pos", new[] { 3f, 4f }));

        var joined = VectorInfo.Concatenate([first, second], [1, 2]);

        Assert.Equal(new float[,] { { 1f, 2f }, { 0f, 0f }, { 3f, 4f } }, (float[,])joined["pos"]);
        var nested = (IReadOnlyDictionary<string, object>)joined["final_info"];
        Assert.Equal([7L, 0L, 0L], (long[])nested["n"]);
        Assert.Equal([true, false, false], (bool[])joined["_final_info"]);
    }

    [Fact]
    public void Concatenate_ElementTypesDiffer_FallsBackToObjectsPerCopy()
    {
        var joined = VectorInfo.Concatenate([Info(1, (0, "v", 1L)), Info(1, (0, "v", 2.5))], [1, 1]);

        Assert.Equal([1L, 2.5], (object?[])joined["v"]);
    }

    [Fact]
    public void Concatenate_CountsDoNotMatchTheParts_Throws()
    {
        Assert.Throws<ArgumentException>(() => VectorInfo.Concatenate([Info(1)], [1, 2]));
    }

    private static IReadOnlyDictionary<string, object> Info(int copies, params (int Index, string Key, object Value)[] entries)
    {
        var info = new VectorInfo(copies);
        foreach (var (index, key, value) in entries)
        {
            info.AddEntry(key, value, index);
        }

        return info.ToDictionary();
    }

    [Fact]
    public void AddEntry_FloatAfterAnIntOfTheSameKey_IsStoredTruncatedAsGymnasiumsArrayDoes()
    {
        var info = new VectorInfo(3);

        info.AddEntry("prob", 1L, 0);
        info.AddEntry("prob", 0.3333333333333333, 1);
        info.AddEntry("prob", 1.0, 2);

        Assert.Equal([1L, 0L, 1L], (long[])info.ToDictionary()["prob"]);
    }
}
