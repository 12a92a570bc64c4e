using static TorchSharp.torch;

namespace RlGym.Agents.Common;

/// <summary>
/// A policy's reused input tensors, one per batch size (count × features): acting writes the encoded observations
/// into it instead of allocating a tensor per step. Outside any dispose scope; freed by <see cref="Dispose"/>.
/// </summary>
internal sealed class BatchInputs(int features) : IDisposable
{
    private readonly Dictionary<int, Tensor> _inputs = [];

    /// <summary>The input tensor for <paramref name="count"/> rows.</summary>
    public Tensor For(int count)
    {
        if (!_inputs.TryGetValue(count, out var input))
        {
            input = zeros(count, features);
            input.DetachFromDisposeScope();
            _inputs[count] = input;
        }

        return input;
    }

    public void Dispose()
    {
        foreach (var input in _inputs.Values)
        {
            input.Dispose();
        }

        _inputs.Clear();
    }
}
