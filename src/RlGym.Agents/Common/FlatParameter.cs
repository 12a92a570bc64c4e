using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlGym.Agents.Common;

/// <summary>
/// The layers of a network that keeps all its weights in one flat parameter (<see cref="Mlp"/>,
/// <see cref="Continuous.TwinCritic"/>): one leaf tensor per layer tensor, sharing the flat parameter's storage, whose
/// gradient is in turn a view of the flat parameter's one gradient buffer.
/// </summary>
/// <remarks>
/// Views taken in <c>forward</c> (<c>narrow</c> of the parameter) cost a zero-filled gradient of the whole flat
/// parameter per view in every backward pass, summed afterwards: for a 256-wide network that allocated, zeroed and added
/// ~1.6 MB per update (~15 % of DQN's time). Autograd accumulates a leaf's gradient in place into the tensor already
/// there, so with these leaves each layer's gradient lands straight in its slice of the flat buffer. The optimisers,
/// gradient clipping, target updates and checkpoints still see one parameter; they must zero its gradient in place
/// (<c>zero_()</c>) rather than drop it, which ours do.
/// </remarks>
internal static class FlatParameter
{
    /// <summary>
    /// Leaves for the given slices of <paramref name="flat"/> (offset and shape each), requiring gradients as it does;
    /// sets <paramref name="flat"/>'s gradient to a zeroed buffer their gradients are views of.
    /// </summary>
    public static Tensor[] Leaves(Parameter flat, IEnumerable<(long Offset, long[] Shape)> slices)
    {
        // libtorch holds its own references to the gradients set here, so the handles made for them are released.
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var gradient = zeros_like(flat);
        flat.grad = gradient;
        var values = flat.detach();
        return slices.Select(slice =>
        {
            var length = slice.Shape.Aggregate(1L, (product, size) => product * size);
            var leaf = values.narrow(0, slice.Offset, length).view(slice.Shape).DetachFromDisposeScope();
            leaf.requires_grad = flat.requires_grad;
            leaf.grad = gradient.narrow(0, slice.Offset, length).view(slice.Shape);
            return leaf;
        }).ToArray();
    }

    /// <summary>Releases <paramref name="leaves"/> and then <paramref name="flat"/>, whose storage they share.</summary>
    public static void Dispose(Parameter flat, Tensor[] leaves)
    {
        foreach (var leaf in leaves)
        {
            leaf.Dispose();
        }

        flat.Dispose();
    }
}
