namespace RlGym.Environments.Fast;

/// <summary>
/// A SIMD vector of float lanes, of a width fixed by the implementing struct (<see cref="FloatLanes256"/>,
/// <see cref="FloatLanes512"/>): what lets <see cref="FastMath"/>'s sine and cosine and CartPole's SIMD block be written
/// once, as generic methods the JIT specialises per width. (.NET's own <c>ISimdVector&lt;TSelf, T&gt;</c> is internal.)
/// </summary>
/// <remarks>
/// Every member is one vector operation with the IEEE semantics of the corresponding
/// <see cref="System.Runtime.Intrinsics.Vector256"/> method, so a generic body gives the bits the per-width code gave.
/// Comparisons return lane masks (all bits set where true) as floats.
/// </remarks>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
/// <typeparam name="TInts">The int vector of the same width.</typeparam>
internal interface IFloatLanes<TSelf, TInts>
    where TSelf : struct, IFloatLanes<TSelf, TInts>
    where TInts : struct, IIntLanes<TInts, TSelf>
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);

    static abstract TSelf operator /(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf value);

    static abstract TSelf operator |(TSelf left, TSelf right);

    static abstract TSelf operator &(TSelf left, TSelf right);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TSelf Create(float value);

    static abstract TSelf Floor(TSelf value);

    /// <summary>Lane-wise <see cref="MathF.Min(float, float)"/> (IEEE 754:2019: NaN propagates, -0 below +0).</summary>
    static abstract TSelf Min(TSelf left, TSelf right);

    /// <summary>Lane-wise <see cref="MathF.Max(float, float)"/>.</summary>
    static abstract TSelf Max(TSelf left, TSelf right);

    /// <summary>As many floats as the vector has lanes, from <paramref name="source"/> + <paramref name="index"/>.</summary>
    static abstract TSelf Load(ref float source, nuint index);

    static abstract TSelf Equal(TSelf left, TSelf right);

    static abstract TSelf GreaterThanOrEqual(TSelf left, TSelf right);

    static abstract TSelf LessThan(TSelf left, TSelf right);

    static abstract TSelf GreaterThan(TSelf left, TSelf right);

    /// <summary>Lane-wise <paramref name="mask"/> ? <paramref name="whenTrue"/> : <paramref name="whenFalse"/>.</summary>
    static abstract TSelf ConditionalSelect(TSelf mask, TSelf whenTrue, TSelf whenFalse);

    /// <summary>Lane-wise conversion, truncating toward zero.</summary>
    static abstract TInts ConvertToInt32(TSelf value);

    /// <summary>
    /// Four vectors of <see cref="Count"/> interleaved (x, y, z, w) records at <paramref name="source"/> +
    /// <paramref name="offset"/> floats, transposed to one vector per field, lanes in record order.
    /// </summary>
    static abstract void LoadTransposed(ref float source, nuint offset, out TSelf x, out TSelf y, out TSelf z, out TSelf w);

    /// <summary>The inverse of <see cref="LoadTransposed"/>, written to two destinations.</summary>
    static abstract void StoreTransposed(TSelf x, TSelf y, TSelf z, TSelf w, ref float first, ref float second, nuint offset);

    /// <summary>
    /// <see cref="Count"/> interleaved (x, y) records at <paramref name="source"/> + <paramref name="offset"/> floats,
    /// transposed to one vector per field, lanes in record order.
    /// </summary>
    static abstract void LoadPairs(ref float source, nuint offset, out TSelf x, out TSelf y);

    /// <summary>The inverse of <see cref="LoadPairs"/>, written to two destinations.</summary>
    static abstract void StorePairs(TSelf x, TSelf y, ref float first, ref float second, nuint offset);

    /// <summary>
    /// <see cref="Count"/> (x, y, z) records, lane j of each field in record j, interleaved at
    /// <paramref name="destination"/> + <paramref name="offset"/> floats.
    /// </summary>
    static abstract void StoreTriples(TSelf x, TSelf y, TSelf z, ref float destination, nuint offset);

    /// <summary>The lanes, stored at <paramref name="destination"/> + <paramref name="index"/>.</summary>
    void Store(ref float destination, nuint index);

    /// <summary>The same bits as ints (for masks).</summary>
    TInts AsInt32();

    /// <summary>Bit j is the sign bit of lane j.</summary>
    ulong ExtractMostSignificantBits();

    /// <summary>The lanes widened to double, stored at <paramref name="destination"/> + <paramref name="index"/>.</summary>
    void StoreWidened(ref double destination, nuint index);
}
