namespace RlGym.Core.Spaces;

/// <summary>Names of <see cref="DType"/> values as NumPy writes them.</summary>
public static class DTypeExtensions
{
    /// <summary>NumPy's name of a dtype: <c>float32</c>, <c>int64</c>, <c>uint8</c>, <c>bool</c> ...</summary>
    public static string NumpyName(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Int8 => "int8",
        DType.Int16 => "int16",
        DType.Int32 => "int32",
        DType.Int64 => "int64",
        DType.UInt8 => "uint8",
        DType.UInt16 => "uint16",
        DType.UInt32 => "uint32",
        DType.UInt64 => "uint64",
        DType.Bool => "bool",
        _ => dtype.ToString(),
    };

    /// <summary>The dtype NumPy calls <paramref name="name"/> (the inverse of <see cref="NumpyName"/>).</summary>
    public static bool TryParseNumpyName(string name, out DType dtype)
    {
        foreach (var candidate in Enum.GetValues<DType>())
        {
            if (candidate.NumpyName() == name)
            {
                dtype = candidate;
                return true;
            }
        }

        dtype = default;
        return false;
    }
}
