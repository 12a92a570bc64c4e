using RlGym.Core.Spaces;

namespace RlGym.Agents.Common;

/// <summary>The dtype and bounds of any <c>Box&lt;T&gt;</c>, read without knowing T.</summary>
internal sealed record BoxInfo(DType DType, int Size, IReadOnlyList<double> Low, IReadOnlyList<double> High)
{
    public static BoxInfo? Of(Space space) => space switch
    {
        Box<float> b => new(b.DType, b.Size, b.Low, b.High),
        Box<double> b => new(b.DType, b.Size, b.Low, b.High),
        Box<bool> b => new(b.DType, b.Size, b.Low, b.High),
        Box<byte> b => new(b.DType, b.Size, b.Low, b.High),
        Box<sbyte> b => new(b.DType, b.Size, b.Low, b.High),
        Box<short> b => new(b.DType, b.Size, b.Low, b.High),
        Box<int> b => new(b.DType, b.Size, b.Low, b.High),
        Box<long> b => new(b.DType, b.Size, b.Low, b.High),
        _ => null,
    };
}
