namespace RlGym.Agents.Common;

/// <summary>One on-policy rollout of <c>steps x envs</c> transitions, laid out <c>[step * envs + copy]</c>; reused every iteration.</summary>
internal sealed class RolloutBuffer
{
    public RolloutBuffer(int steps, int envs, int features, int actionSize)
    {
        Steps = steps;
        Envs = envs;
        Features = features;
        ActionSize = actionSize;
        var n = steps * envs;
        Observations = new float[n * features];
        Actions = new float[n * actionSize];
        LogProbs = new float[n];
        Values = new float[n];
        Rewards = new float[n];
        Terminations = new bool[n];
        Dones = new bool[n];
        Valid = new bool[n];
        Advantages = new float[n];
        Returns = new float[n];
        LastValues = new float[envs];
    }

    public int Steps { get; }

    public int Envs { get; }

    public int Features { get; }

    public int ActionSize { get; }

    public int Size => Steps * Envs;

    public float[] Observations { get; }

    public float[] Actions { get; }

    public float[] LogProbs { get; }

    public float[] Values { get; }

    public float[] Rewards { get; }

    public bool[] Terminations { get; }

    public bool[] Dones { get; }

    public bool[] Valid { get; }

    public float[] Advantages { get; }

    public float[] Returns { get; }

    /// <summary>Critic values of the observations after the last step.</summary>
    public float[] LastValues { get; }

    /// <summary>Flat indices of the valid transitions.</summary>
    public int[] ValidIndices() => Enumerable.Range(0, Size).Where(k => Valid[k]).ToArray();

    public void ComputeAdvantages(double gamma, double lambda) =>
        Gae.Compute(Rewards, Values, Terminations, Dones, Valid, LastValues, Envs, gamma, lambda, Advantages, Returns);
}
