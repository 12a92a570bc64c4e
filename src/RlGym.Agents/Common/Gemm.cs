using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RlGym.Agents.Common;

/// <summary>
/// The single-precision matrix product <c>C = A·B</c> (or <c>C += A·B</c>) on 16-float vectors, for the large layers of
/// the agents' networks (<see cref="LargeLinear"/>).
/// </summary>
/// <remarks>
/// libtorch's CPU build multiplies through MKL, which on AMD processors runs its AVX2 code: on this machine's AVX-512
/// cores a 256 × 256 × 256 product takes 355 µs there, 207 µs in OpenBLAS (SB3's torch) and 178 µs here. A and B are
/// read through element strides, so a transposed operand is a swap of strides, never a copy. B is copied 32 columns at
/// a time into a contiguous panel; a 6 × 32 block of C stays in twelve registers while the inner dimension runs.
/// </remarks>
internal static unsafe class Gemm
{
    private const int BlockRows = 6;
    private const int PanelColumns = 32; // two vectors

    [ThreadStatic]
    private static float[]? _panel;

    /// <summary>Whether this machine runs 16-float vectors natively (otherwise callers keep libtorch's product).</summary>
    public static bool IsAccelerated => Vector512.IsHardwareAccelerated;

    /// <summary>
    /// <c>C[i, j] (+)= Σ_p A[i, p] · B[p, j]</c> for an <paramref name="m"/> × <paramref name="k"/> A and a
    /// <paramref name="k"/> × <paramref name="n"/> B, each given by its first element and its row and column strides in
    /// elements; C is row-major with row stride <paramref name="ldc"/>. With <paramref name="accumulate"/> the product is
    /// added to C, otherwise it replaces it.
    /// </summary>
    public static void Multiply(
        int m, int n, int k, float* a, long aRow, long aColumn, float* b, long bRow, long bColumn, float* c, long ldc, bool accumulate)
    {
        var length = Math.Max(k, 1) * PanelColumns;
        if (_panel is not { } panel || panel.Length < length)
        {
            _panel = panel = new float[length];
        }

        fixed (float* packed = panel)
        {
            for (var j0 = 0; j0 < n; j0 += PanelColumns)
            {
                var width = Math.Min(PanelColumns, n - j0);
                Pack(k, width, b + (j0 * bColumn), bRow, bColumn, packed);
                var i = 0;
                for (; i + BlockRows <= m; i += BlockRows)
                {
                    SixRows(k, a + (i * aRow), aRow, aColumn, packed, c + (i * ldc) + j0, ldc, width, accumulate);
                }

                for (; i < m; i++)
                {
                    OneRow(k, a + (i * aRow), aColumn, packed, c + (i * ldc) + j0, width, accumulate);
                }
            }
        }
    }

    // B's columns [j0, j0 + width) as k rows of 32 contiguous floats, zero beyond width.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pack(int k, int width, float* b, long bRow, long bColumn, float* packed)
    {
        // A transposed operand (nn.Linear's weight read as inputs × outputs): 8 strided elements per gather.
        var gather = width == PanelColumns && bColumn != 1 && Avx2.IsSupported && bColumn * PanelColumns <= int.MaxValue;
        var indices = Vector256.CreateSequence(0, (int)bColumn);
        var step = 8 * bColumn;
        for (var p = 0; p < k; p++, packed += PanelColumns)
        {
            var row = b + (p * bRow);
            if (width == PanelColumns && bColumn == 1)
            {
                Vector512.Load(row).Store(packed);
                Vector512.Load(row + 16).Store(packed + 16);
                continue;
            }

            if (gather)
            {
                Avx2.GatherVector256(row, indices, sizeof(float)).Store(packed);
                Avx2.GatherVector256(row + step, indices, sizeof(float)).Store(packed + 8);
                Avx2.GatherVector256(row + (2 * step), indices, sizeof(float)).Store(packed + 16);
                Avx2.GatherVector256(row + (3 * step), indices, sizeof(float)).Store(packed + 24);
                continue;
            }

            for (var j = 0; j < PanelColumns; j++)
            {
                packed[j] = j < width ? row[j * bColumn] : 0;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SixRows(int k, float* a, long aRow, long aColumn, float* packed, float* c, long ldc, int width, bool accumulate)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var p = 0; p < k; p++, a += aColumn, packed += PanelColumns)
        {
            var b0 = Vector512.Load(packed);
            var b1 = Vector512.Load(packed + 16);
            var x = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[aRow]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2 * aRow]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3 * aRow]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4 * aRow]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5 * aRow]);
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
        }

        StoreRow(c, width, accumulate, c00, c01);
        StoreRow(c + ldc, width, accumulate, c10, c11);
        StoreRow(c + (2 * ldc), width, accumulate, c20, c21);
        StoreRow(c + (3 * ldc), width, accumulate, c30, c31);
        StoreRow(c + (4 * ldc), width, accumulate, c40, c41);
        StoreRow(c + (5 * ldc), width, accumulate, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneRow(int k, float* a, long aColumn, float* packed, float* c, int width, bool accumulate)
    {
        Vector512<float> low = default, high = default;
        for (var p = 0; p < k; p++, a += aColumn, packed += PanelColumns)
        {
            var x = Vector512.Create(a[0]);
            low = Vector512.FusedMultiplyAdd(x, Vector512.Load(packed), low);
            high = Vector512.FusedMultiplyAdd(x, Vector512.Load(packed + 16), high);
        }

        StoreRow(c, width, accumulate, low, high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, int width, bool accumulate, Vector512<float> low, Vector512<float> high)
    {
        if (width == PanelColumns)
        {
            if (accumulate)
            {
                low += Vector512.Load(c);
                high += Vector512.Load(c + 16);
            }

            low.Store(c);
            high.Store(c + 16);
            return;
        }

        for (var j = 0; j < width; j++)
        {
            var value = j < 16 ? low.GetElement(j) : high.GetElement(j - 16);
            c[j] = accumulate ? c[j] + value : value;
        }
    }
}
