using TorchSharp;

namespace RlGym.Agents.Common;

/// <summary>
/// The TorchSharp <see cref="Scalar"/>s of a block of tensor code, made explicitly and kept alive until the scope is
/// disposed: write <c>s[0.5] * x</c> where TorchSharp would accept <c>0.5 * x</c>. Each value is made once per scope.
/// </summary>
/// <remarks>
/// An implicit conversion (<c>0.5 * x</c>, <c>x.clamp(lo, hi)</c>, <c>x.add_(y, alpha: a)</c>) makes a Scalar that
/// only its finalizer frees, and TorchSharp passes its raw native handle to libtorch without keeping the object alive
/// for the call. A garbage collection in that window (any thread's allocation can start one) lets the finalizer
/// thread free the native Scalar while libtorch still reads it: trainings on parallel threads failed in
/// <c>c10::Scalar::toFloat</c>, and a freed Scalar that still looks valid is read as a wrong number. A Scalar held
/// here stays reachable until <see cref="Dispose"/>.
/// <para>Some TorchSharp methods make such a Scalar themselves: <c>a + b</c>, <c>add(b)</c> and <c>add_(b)</c> pass
/// an alpha of 1 (write <c>a.add(b, s[1])</c>, or <c>a.add(b, alpha: s[c])</c> for <c>a + c * b</c>), <c>c - a</c>
/// for a number <c>c</c> is <c>a.neg().add(c)</c>, and <c>square()</c> is <c>pow(2)</c> (write <c>pow(s[2])</c>).
/// Subtraction, multiplication, division, <c>clamp</c> and comparisons with an explicit Scalar make none.</para>
/// </remarks>
internal sealed class ScalarScope : IDisposable
{
    private readonly Dictionary<double, Scalar> _scalars = [];

    /// <summary>The Scalar of <paramref name="value"/> (a float64 Scalar; libtorch casts it to the tensor's type).</summary>
    public Scalar this[double value]
    {
        get
        {
            if (!_scalars.TryGetValue(value, out var scalar))
            {
                scalar = value.ToScalar();
                _scalars[value] = scalar;
            }

            return scalar;
        }
    }

    /// <summary>Frees every Scalar made through this scope.</summary>
    public void Dispose()
    {
        foreach (var scalar in _scalars.Values)
        {
            scalar.Dispose();
        }

        _scalars.Clear();
    }
}
