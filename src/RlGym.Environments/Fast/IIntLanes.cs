namespace RlGym.Environments.Fast;

/// <summary>The int vector beside an <see cref="IFloatLanes{TSelf, TInts}"/> of the same width.</summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
/// <typeparam name="TFloats">The float vector of the same width.</typeparam>
internal interface IIntLanes<TSelf, TFloats>
    where TSelf : struct, IIntLanes<TSelf, TFloats>
    where TFloats : struct, IFloatLanes<TFloats, TSelf>
{
    static abstract TSelf Zero { get; }

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator &(TSelf left, TSelf right);

    static abstract TSelf operator |(TSelf left, TSelf right);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TSelf Create(int value);

    /// <summary>As many ints as the float vector has lanes, from <paramref name="source"/> + <paramref name="index"/>.</summary>
    static abstract TSelf Load(ref int source, nuint index);

    static abstract TSelf Equal(TSelf left, TSelf right);

    static abstract TSelf GreaterThanOrEqual(TSelf left, TSelf right);

    /// <summary>Lane-wise <paramref name="mask"/> ? <paramref name="whenTrue"/> : <paramref name="whenFalse"/>.</summary>
    static abstract TSelf ConditionalSelect(TSelf mask, TSelf whenTrue, TSelf whenFalse);

    /// <summary>Lane-wise conversion to float (exact below 2^24).</summary>
    TFloats ConvertToSingle();

    /// <summary>The same bits as floats (for masks).</summary>
    TFloats AsSingle();

    /// <summary>Bit j is the sign bit of lane j.</summary>
    ulong ExtractMostSignificantBits();

    void Store(ref int destination, nuint index);
}
