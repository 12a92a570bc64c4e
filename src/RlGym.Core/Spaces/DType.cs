namespace RlGym.Core.Spaces;

/// <summary>Element type of a space or array, mirroring NumPy's dtypes.</summary>
public enum DType
{
    Float32,
    Float64,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Bool,
}
