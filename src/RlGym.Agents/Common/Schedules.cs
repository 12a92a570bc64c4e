namespace RlGym.Agents.Common;

/// <summary>Schedules for exploration rates, temperatures and learning rates.</summary>
public static class Schedules
{
    /// <summary>
    /// Linear interpolation from <paramref name="start"/> to <paramref name="end"/> over <paramref name="duration"/>
    /// steps, constant at <paramref name="end"/> afterwards (CleanRL's <c>linear_schedule</c>).
    /// </summary>
    public static double Linear(double start, double end, double duration, double t)
    {
        if (duration <= 0 || t >= duration)
        {
            return end;
        }

        return start + ((end - start) * Math.Max(0, t) / duration);
    }
}
