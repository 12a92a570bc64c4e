using System.Globalization;
using RlGym.Core.Registration;
using RlGym.Core.Spaces;
using RlGym.Core.Vector;

namespace RlGym.Core.Checking;

/// <summary>
/// Checks a registered id's batched variants against its scalar environment: the <c>soa</c> variant must equal copies
/// of the scalar environment bit for bit (EnvPool's test: step both with the same actions and compare), the <c>fast</c>
/// variant, whose float32 rules and own generator make it seed-different by design, must agree in distribution. The
/// <c>gymnasium</c> variant is not compared: its semantics differ from copies on purpose (one shared generator).
/// </summary>
public static class VariantChecker
{
    /// <summary>The name of the soa check in a report.</summary>
    public const string SoaCheckName = "soa variant";

    /// <summary>The name of the fast check in a report.</summary>
    public const string FastCheckName = "fast variant";

    private const string SoaAdvice = "The soa variant must equal copies of the scalar environment: build both on the same IDynamics "
        + "(DynamicsEnv and DynamicsVectorEnv), drawing every random number from the generator passed in.";

    /// <summary>Both checks, soa then fast; each is skipped (with why) when <paramref name="id"/> has no such variant.</summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    public static IReadOnlyList<EnvCheckResult> Check(EnvRegistry registry, string id, EnvCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new EnvCheckOptions();
        return [CheckSoa(registry, id, options), CheckFast(registry, id, options)];
    }

    /// <summary>
    /// <see cref="EnvCheckOptions.VariantCopies"/> copies of the soa variant, reset with <see cref="EnvCheckOptions.Seed"/>
    /// and stepped <see cref="EnvCheckOptions.VariantSteps"/> times (at least the time limit plus two) with random valid
    /// actions, against as many scalar environments made by the registry (time limit included) seeded <c>Seed + i</c>
    /// and given the same actions: every observation, reward and flag must be bit-equal, the next-step autoreset of
    /// ended copies included.
    /// </summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    public static EnvCheckResult CheckSoa(EnvRegistry registry, string id, EnvCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new EnvCheckOptions();
        if (!registry.Vectorizations(id).Contains(Vectorizations.Soa))
        {
            return Skip(SoaCheckName, $"{id} registers no soa variant, so its vector copies are copies of the scalar environment (sync). "
                + "An environment built on IDynamics gets one with RegisterVector(id, Vectorizations.Soa, DynamicsVectorEnv<...>.Make).");
        }

        return Guard(SoaCheckName, () => CompareSoa(registry, id, options));
    }

    /// <summary>
    /// <see cref="EnvCheckOptions.FastCopies"/> copies of the fast variant and of the exact one (soa where registered,
    /// otherwise sync), each copy playing its first <see cref="EnvCheckOptions.FastEpisodesPerCopy"/> episodes with
    /// random valid actions: the mean episode length and the mean episode return of the two runs must lie within
    /// <see cref="EnvCheckOptions.FastTolerance"/> standard errors of their difference.
    /// </summary>
    /// <exception cref="UnknownEnvironmentException">The id is not registered.</exception>
    public static EnvCheckResult CheckFast(EnvRegistry registry, string id, EnvCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new EnvCheckOptions();
        var available = registry.Vectorizations(id);
        if (!available.Contains(Vectorizations.Fast))
        {
            return Skip(FastCheckName, $"{id} registers no fast variant. Fast dynamics (IFastDynamics, registered with RegisterFastDynamics) "
                + "give it a float32 CPU variant and a GPU one.");
        }

        var exact = available.Contains(Vectorizations.Soa) ? Vectorizations.Soa : Vectorizations.Sync;
        return Guard(FastCheckName, () => CompareFast(registry, id, exact, options));
    }

    private static EnvCheckResult CompareSoa(EnvRegistry registry, string id, EnvCheckOptions options)
    {
        var n = options.VariantCopies;
        var scalars = new IEnv[n];
        try
        {
            for (var i = 0; i < n; i++)
            {
                scalars[i] = registry.Make(id);
            }

            using var batched = registry.MakeVec(id, n, AutoresetMode.NextStep, Vectorizations.Soa);
            var observationSpace = scalars[0].ObservationSpace;
            var actionSpace = scalars[0].ActionSpace;
            actionSpace.Seed(options.Seed);
            var type = TypeName(batched.GetType());

            var reset = batched.ResetObject(options.Seed);
            for (var i = 0; i < n; i++)
            {
                var expected = scalars[i].ResetObject(options.Seed + (ulong)i).Observation;
                var actual = SpaceBatching.Read(observationSpace, reset.Observations, i);
                if (!BitEquals(actual, expected))
                {
                    return Fail(SoaCheckName, $"After reset(seed={options.Seed}), copy {i} of {type} observes {Formatting.Describe(actual)} but the scalar "
                        + $"{id} reset with seed {options.Seed + (ulong)i} observes {Formatting.Describe(expected)}. {SoaAdvice}");
                }
            }

            // At least one whole time limit and the autoreset after it, so every copy's autoreset is compared.
            var steps = Math.Max(options.VariantSteps, (scalars[0].Spec?.MaxEpisodeSteps ?? 0) + 2);
            var ended = new bool[n];
            var actions = new object[n];
            var batch = SpaceBatching.CreateBatch(actionSpace, n);
            var episodeEnds = 0;
            for (var t = 0; t < steps; t++)
            {
                for (var i = 0; i < n; i++)
                {
                    actions[i] = actionSpace.SampleObject();
                    SpaceBatching.Write(actionSpace, batch, i, actions[i]);
                }

                var step = batched.StepObject(batch);
                for (var i = 0; i < n; i++)
                {
                    // Next-step autoreset: a copy that ended is reset instead of stepped (reward 0, no flags), its
                    // generator continuing, as the scalar environment's Reset() without a seed continues it.
                    var autoreset = ended[i];
                    var expected = autoreset
                        ? new StepResult<object>(scalars[i].ResetObject().Observation, 0, false, false, EnvInfo.Empty)
                        : scalars[i].StepObject(actions[i]);
                    ended[i] = expected.Terminated || expected.Truncated;
                    episodeEnds += ended[i] ? 1 : 0;
                    var actual = SpaceBatching.Read(observationSpace, step.Observations, i);
                    var difference =
                        !BitEquals(actual, expected.Observation) ? $"observes {Formatting.Describe(actual)}, the scalar environment {Formatting.Describe(expected.Observation)}"
                        : !BitEquals(step.Rewards[i], expected.Reward) ? $"is rewarded {Formatting.Describe(step.Rewards[i])}, the scalar environment {Formatting.Describe(expected.Reward)}"
                        : step.Terminations[i] != expected.Terminated ? $"has terminated={step.Terminations[i]}, the scalar environment {expected.Terminated}"
                        : step.Truncations[i] != expected.Truncated ? $"has truncated={step.Truncations[i]}, the scalar environment {expected.Truncated}"
                        : null;
                    if (difference is not null)
                    {
                        var what = autoreset ? "autoreset (its episode ended on the step before)" : $"action {Formatting.Describe(actions[i])}";
                        return Fail(SoaCheckName, $"At step {t} ({what}), copy {i} of {type} {difference} (seeded {options.Seed + (ulong)i}). {SoaAdvice}");
                    }
                }
            }

            var autoresets = episodeEnds == 0 ? "no episode ended, so autoreset was not exercised" : $"{episodeEnds} episode ends, autoreset included";
            return Pass(SoaCheckName, $"{n} copies of {type} x {steps} random steps ({autoresets}) equal {n} scalar {id} seeded "
                + $"{options.Seed}..{options.Seed + (ulong)n - 1}, bit for bit.");
        }
        finally
        {
            foreach (var scalar in scalars)
            {
                scalar?.Dispose();
            }
        }
    }

    private static EnvCheckResult CompareFast(EnvRegistry registry, string id, string exact, EnvCheckOptions options)
    {
        using var probe = registry.Make(id);
        var actionSpace = probe.ActionSpace;
        var fast = Play(registry, id, Vectorizations.Fast, actionSpace, options);
        var reference = Play(registry, id, exact, actionSpace, options);
        if (fast.Lengths.Count < 2 || reference.Lengths.Count < 2)
        {
            return Skip(FastCheckName, $"Too few episodes ended within {fast.Steps} steps of random actions to compare (fast {fast.Lengths.Count}, "
                + $"{exact} {reference.Lengths.Count}); the episodes of {id} need a time limit or an end that random actions reach.");
        }

        var length = Compare("episode length", fast.Lengths, reference.Lengths, options.FastTolerance);
        var reward = Compare("episode return", fast.Returns, reference.Returns, options.FastTolerance);
        var summary = $"{fast.Lengths.Count} episodes of random actions a side ({options.FastCopies} copies): "
            + $"mean length fast {length.Fast}, {exact} {length.Exact}; mean return fast {reward.Fast}, {exact} {reward.Exact}";
        return (length.Failure ?? reward.Failure) is { } failure
            ? Fail(FastCheckName, $"{failure} ({summary}). The fast dynamics' rules differ from the scalar environment's: compare their Reset, "
                + "Step (reward, termination) and Observe with the exact dynamics'.")
            : Pass(FastCheckName, $"{summary}: each within {Number(options.FastTolerance)} standard errors.");
    }

    private sealed record Episodes(List<double> Lengths, List<double> Returns, int Steps);

    // Each copy's first FastEpisodesPerCopy episodes (next-step autoreset: the step after an end only resets).
    private static Episodes Play(EnvRegistry registry, string id, string vectorization, Space actionSpace, EnvCheckOptions options)
    {
        var n = options.FastCopies;
        var wanted = options.FastEpisodesPerCopy;
        using var env = registry.MakeVec(id, n, AutoresetMode.NextStep, vectorization);
        actionSpace.Seed(options.Seed);
        env.ResetObject(options.Seed);
        var batch = SpaceBatching.CreateBatch(actionSpace, n);
        var (done, ended, length, reward) = (new int[n], new bool[n], new int[n], new double[n]);
        var episodes = new Episodes([], [], 0);
        var limit = wanted * ((env.Spec?.MaxEpisodeSteps ?? 1000) + 1);
        var steps = 0;
        while (steps < limit && done.Any(d => d < wanted))
        {
            for (var i = 0; i < n; i++)
            {
                SpaceBatching.Write(actionSpace, batch, i, actionSpace.SampleObject());
            }

            var step = env.StepObject(batch);
            steps++;
            for (var i = 0; i < n; i++)
            {
                if (ended[i])
                {
                    ended[i] = false;
                    continue;
                }

                length[i]++;
                reward[i] += step.Rewards[i];
                if (step.Terminations[i] || step.Truncations[i])
                {
                    if (done[i]++ < wanted)
                    {
                        episodes.Lengths.Add(length[i]);
                        episodes.Returns.Add(reward[i]);
                    }

                    (ended[i], length[i], reward[i]) = (true, 0, 0);
                }
            }
        }

        return episodes with { Steps = steps };
    }

    // Welch's comparison of two means; a floor for statistics that do not vary (every episode truncated alike), where
    // only float32 rounding of the fast rewards may separate them.
    private static (string Fast, string Exact, string? Failure) Compare(string name, List<double> fast, List<double> exact, double tolerance)
    {
        var (fastMean, fastError) = MeanAndError(fast);
        var (exactMean, exactError) = MeanAndError(exact);
        var error = Math.Sqrt((fastError * fastError) + (exactError * exactError));
        var allowed = (tolerance * error) + (1e-4 * Math.Max(1, Math.Abs(exactMean)));
        var difference = Math.Abs(fastMean - exactMean);
        var failure = difference <= allowed
            ? null
            : $"The mean {name} of the fast variant, {Number(fastMean)}, is {(error > 0 ? Number(difference / error) + " standard errors" : Number(difference))} "
                + $"away from the exact variant's, {Number(exactMean)} (at most {Number(tolerance)} allowed)";
        return ($"{Number(fastMean)} ± {Number(fastError)}", $"{Number(exactMean)} ± {Number(exactError)}", failure);
    }

    private static (double Mean, double StandardError) MeanAndError(List<double> values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, Math.Sqrt(variance / values.Count));
    }

    // Bit-for-bit equality: floats by their bits (so -0 differs from 0 and NaN equals the same NaN), arrays element by
    // element, tuples part by part.
    private static bool BitEquals(object? a, object? b) => (a, b) switch
    {
        (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y),
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        (Array x, Array y) => x.GetType() == y.GetType() && x.Length == y.Length
            && Enumerable.Range(0, x.Length).All(k => BitEquals(x.GetValue(k), y.GetValue(k))),
        _ => Equals(a, b),
    };

    // DynamicsVectorEnv<CartPoleDynamics, CartPoleEpisode, float, int> rather than DynamicsVectorEnv`4.
    private static string TypeName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type == typeof(float) ? "float" : type == typeof(double) ? "double" : type == typeof(int) ? "int" : type == typeof(bool) ? "bool" : type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static EnvCheckResult Guard(string name, Func<EnvCheckResult> check)
    {
        try
        {
            return check();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(name, $"The check stopped because the variant threw {e.GetType().Name}: {e.Message}");
        }
    }

    private static EnvCheckResult Pass(string name, string message) => new(name, EnvCheckStatus.Passed, message);

    private static EnvCheckResult Fail(string name, string message) => new(name, EnvCheckStatus.Failed, message);

    private static EnvCheckResult Skip(string name, string message) => new(name, EnvCheckStatus.Skipped, message);
}
