using System.Runtime.CompilerServices;

namespace RlGym.Environments.Fast;

/// <summary>What both MountainCar variants do after the velocity update, lane-wise (their scalar steps, line by line).</summary>
internal static class MountainCarLanes
{
    /// <summary>
    /// Clips the velocity, moves and clips the position, and stops a car that hit the left wall while moving left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Move<TF, TI>(ref TF position, ref TF velocity, float maxSpeed, float minPosition, float maxPosition)
        where TF : struct, IFloatLanes<TF, TI>
        where TI : struct, IIntLanes<TI, TF>
    {
        velocity = TF.Min(TF.Max(velocity, TF.Create(-maxSpeed)), TF.Create(maxSpeed));
        position = TF.Min(TF.Max(position + velocity, TF.Create(minPosition)), TF.Create(maxPosition));
        var stopped = TF.Equal(position, TF.Create(minPosition)) & TF.LessThan(velocity, TF.Create(0f));
        velocity = TF.ConditionalSelect(stopped, TF.Create(0f), velocity);
    }
}
