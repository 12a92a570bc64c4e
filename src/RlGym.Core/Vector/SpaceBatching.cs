using RlGym.Core.Spaces;

namespace RlGym.Core.Vector;

/// <summary>
/// How a batch of values of one space is laid out (Gymnasium's <c>batch_space</c> / <c>concatenate</c> / <c>iterate</c>):
/// array-valued spaces (Box, MultiDiscrete, MultiBinary) batch into one flat array of <c>n * size</c> elements, copy
/// index first; scalar spaces (Discrete) into an array of n; a Tuple into an <c>object[]</c> of sub-batches.
/// </summary>
public static class SpaceBatching
{
    /// <summary>A new, zeroed batch of <paramref name="n"/> values of <paramref name="space"/>.</summary>
    public static object CreateBatch(Space space, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return space switch
        {
            TupleSpace tuple => tuple.Spaces.Select(s => CreateBatch(s, n)).ToArray(),
            _ => Layout(space) switch
            {
                (var element, var size) => Array.CreateInstance(element, n * size),
            },
        };
    }

    /// <summary>The CLR type of a batch of <paramref name="space"/>'s values.</summary>
    public static Type BatchType(Space space) => space is TupleSpace ? typeof(object[]) : Layout(space).Element.MakeArrayType();

    /// <summary>Throws when <paramref name="batchType"/> is not the batch type of <paramref name="space"/>.</summary>
    /// <exception cref="ArgumentException">The types differ; the message names the right one.</exception>
    public static void RequireBatchType(Space space, Type batchType, string what)
    {
        var expected = BatchType(space);
        if (expected != batchType)
        {
            throw new ArgumentException($"A batch of {what}s in {space} is a {expected.Name}, not a {batchType.Name}.");
        }
    }

    /// <summary>Stores <paramref name="value"/> as item <paramref name="index"/> of <paramref name="batch"/>.</summary>
    public static void Write(Space space, object batch, int index, object value)
    {
        if (space is TupleSpace tuple)
        {
            var parts = (object[])batch;
            var items = (object[])value;
            for (var k = 0; k < parts.Length; k++)
            {
                Write(tuple.Spaces[k], parts[k], index, items[k]);
            }

            return;
        }

        var (_, size) = Layout(space);
        var target = (Array)batch;
        if (value is Array source)
        {
            Array.Copy(source, 0, target, (long)index * size, size);
        }
        else
        {
            target.SetValue(value, index);
        }
    }

    /// <summary>Item <paramref name="index"/> of <paramref name="batch"/>, as a value of <paramref name="space"/> (a copy).</summary>
    public static object Read(Space space, object batch, int index)
    {
        if (space is TupleSpace tuple)
        {
            var parts = (object[])batch;
            return tuple.Spaces.Select((s, k) => Read(s, parts[k], index)).ToArray();
        }

        var (element, size) = Layout(space);
        var source = (Array)batch;
        if (IsArrayValued(space))
        {
            var item = Array.CreateInstance(element, size);
            Array.Copy(source, (long)index * size, item, 0, size);
            return item;
        }

        return source.GetValue(index)!;
    }

    /// <summary>
    /// Copies <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 of <paramref name="batch"/>
    /// as a new batch (Gymnasium's batch slicing; used to split one batch over several vector environments).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the batch.</exception>
    public static object Slice(Space space, object batch, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(batch);
        var total = Count(space, batch);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, total, nameof(count));
        if (space is TupleSpace tuple)
        {
            var parts = (object[])batch;
            return tuple.Spaces.Select((s, k) => Slice(s, parts[k], start, count)).ToArray();
        }

        var (element, size) = Layout(space);
        var slice = Array.CreateInstance(element, (long)count * size);
        Array.Copy((Array)batch, (long)start * size, slice, 0, (long)count * size);
        return slice;
    }

    /// <summary>
    /// The batches one after the other as one batch (Gymnasium's <c>concatenate</c> over batches): copy 0 of
    /// <c>batches[1]</c> follows the last copy of <c>batches[0]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A batch is not of <paramref name="space"/>'s batch type.</exception>
    public static object Concatenate(Space space, IReadOnlyList<object> batches)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(batches);
        if (space is TupleSpace tuple)
        {
            foreach (var batch in batches)
            {
                Count(space, batch);
            }

            return tuple.Spaces.Select((s, k) => Concatenate(s, batches.Select(b => ((object[])b)[k]).ToArray())).ToArray();
        }

        var (element, size) = Layout(space);
        var total = batches.Sum(b => (long)Count(space, b));
        var result = Array.CreateInstance(element, total * size);
        long offset = 0;
        foreach (var batch in batches)
        {
            var array = (Array)batch;
            Array.Copy(array, 0, result, offset, array.Length);
            offset += array.Length;
        }

        return result;
    }

    /// <summary>Number of copies in <paramref name="batch"/>, or an exception naming what was expected.</summary>
    public static int Count(Space space, object batch)
    {
        if (space is TupleSpace tuple)
        {
            return batch is object[] parts && parts.Length == tuple.Spaces.Count
                ? Count(tuple.Spaces[0], parts[0])
                : throw new ArgumentException($"A batch of {space} is an object[] of {tuple.Spaces.Count} sub-batches.");
        }

        var (element, size) = Layout(space);
        if (batch is not Array array || array.GetType().GetElementType() != element || array.Rank != 1)
        {
            throw new ArgumentException($"A batch of {space} is a {element.Name}[], got {batch?.GetType().Name ?? "null"}.");
        }

        return size == 0 ? 0 : array.Length / size;
    }

    /// <summary>The value type of a space: T for <c>Space&lt;T&gt;</c>.</summary>
    public static Type ValueType(Space space)
    {
        for (var type = space.GetType(); type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Space<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        throw new ArgumentException($"{space} does not derive from Space<T>.");
    }

    private static bool IsArrayValued(Space space) => ValueType(space).IsArray;

    private static (Type Element, int Size) Layout(Space space)
    {
        var valueType = ValueType(space);
        if (valueType.IsArray)
        {
            var size = 1;
            foreach (var dim in space.Shape)
            {
                size *= dim;
            }

            return (valueType.GetElementType()!, size);
        }

        if (valueType.IsValueType)
        {
            return (valueType, 1);
        }

        throw new NotSupportedException($"Batching values of {space} ({valueType.Name}) is not supported; supported: Box, Discrete, MultiDiscrete, MultiBinary, Tuple.");
    }
}
