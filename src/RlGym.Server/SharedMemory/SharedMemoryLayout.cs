using RlGym.Protocol.V1;
using RlGym.Server.Sessions;

namespace RlGym.Server.SharedMemory;

/// <summary>
/// Where a handle's batches live in its shared-memory segment (see AttachSharedMemoryResponse in environments.proto):
/// the action, observation, reward, terminated and truncated blocks (and env_ids for an asynchronous handle), in that
/// order, each at a 64-byte boundary.
/// Only spaces whose values are one array (Box, Discrete, MultiDiscrete, MultiBinary) have a layout.
/// </summary>
internal sealed class SharedMemoryLayout
{
    /// <summary>Block alignment: a cache line.</summary>
    public const int Alignment = 64;

    private SharedMemoryLayout(SharedMemoryBlock[] blocks, long bytes)
    {
        Blocks = blocks;
        Bytes = bytes;
    }

    /// <summary>The blocks: action, observation, reward, terminated, truncated, and env_ids for asynchronous handles.</summary>
    public IReadOnlyList<SharedMemoryBlock> Blocks { get; }

    /// <summary>The action block.</summary>
    public SharedMemoryBlock Action => Blocks[0];

    /// <summary>The observation block.</summary>
    public SharedMemoryBlock Observation => Blocks[1];

    /// <summary>The reward block.</summary>
    public SharedMemoryBlock Reward => Blocks[2];

    /// <summary>The terminated block.</summary>
    public SharedMemoryBlock Terminated => Blocks[3];

    /// <summary>The truncated block.</summary>
    public SharedMemoryBlock Truncated => Blocks[4];

    /// <summary>The env_ids block of an asynchronous handle (copy indices, in and out); null for synchronous ones.</summary>
    public SharedMemoryBlock? EnvIds => Blocks.Count > 5 ? Blocks[5] : null;

    /// <summary>The segment's size in bytes (at least one page).</summary>
    public long Bytes { get; }

    /// <summary>
    /// The layout for <paramref name="target"/>; UNIMPLEMENTED (<see cref="NotSupportedException"/>) for spaces whose
    /// values are not one array.
    /// </summary>
    public static SharedMemoryLayout For(SessionTarget target)
    {
        var description = target.Describe();
        long[] batch = description.NumEnvs >= 1 ? [description.NumEnvs] : [];
        var (actionType, actionShape) = Leaf(description.ActionSpace, "action");
        var (observationType, observationShape) = Leaf(description.ObservationSpace, "observation");
        var specs = new List<(string Name, DType Type, long[] Shape)>
        {
            ("action", actionType, [.. batch, .. actionShape]),
            ("observation", observationType, [.. batch, .. observationShape]),
            ("reward", target.RewardDType, batch),
            ("terminated", DType.Bool, batch),
            ("truncated", DType.Bool, batch),
        };
        if (description.BatchSize > 0)
        {
            specs.Add(("env_ids", DType.Uint32, batch));
        }

        var blocks = new SharedMemoryBlock[specs.Count];
        long offset = 0;
        for (var i = 0; i < specs.Count; i++)
        {
            var (name, type, shape) = specs[i];
            var length = ItemSize(type);
            foreach (var dimension in shape)
            {
                length = checked(length * dimension);
            }

            var block = new SharedMemoryBlock { Name = name, Dtype = type, Offset = (ulong)offset, Length = (ulong)length };
            block.Shape.Add(shape);
            blocks[i] = block;
            offset = checked(offset + ((length + Alignment - 1) / Alignment * Alignment));
        }

        return new SharedMemoryLayout(blocks, Math.Max(offset, 4096));
    }

    private static (DType Type, long[] Shape) Leaf(Space space, string what) => space.KindCase switch
    {
        Space.KindOneofCase.Box => (space.Box.Dtype, [.. space.Box.Shape]),
        Space.KindOneofCase.Discrete => (DType.Int64, []),
        Space.KindOneofCase.MultiDiscrete => (DType.Int64, [.. space.MultiDiscrete.Nvec.Shape]),
        Space.KindOneofCase.MultiBinary => (DType.Int8, [.. space.MultiBinary.Shape]),
        _ => throw new NotSupportedException(
            $"Shared memory serves environments whose {what} space is a Box, Discrete, MultiDiscrete or MultiBinary; this one's is a {space.KindCase}. Use the gRPC transports (stream or unary)."),
    };

    private static long ItemSize(DType type) => type switch
    {
        DType.Float64 or DType.Int64 or DType.Uint64 => 8,
        DType.Float32 or DType.Int32 or DType.Uint32 => 4,
        DType.Int16 or DType.Uint16 => 2,
        DType.Int8 or DType.Uint8 or DType.Bool => 1,
        _ => throw new InvalidOperationException($"No item size for {type}."),
    };
}
