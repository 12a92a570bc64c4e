using System.Collections;
using RlGym.Core.Registration;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;
using RlGym.Core.Wrappers;

namespace RlGym.Core.Checking;

/// <summary>
/// Checks that an environment follows the Gymnasium API the way RlGym relies on (in the spirit of Gymnasium's
/// <c>check_env</c>): observations in the space, seeded determinism, render kinds, harmless double close, invalid
/// actions rejected cleanly, and no time limit of its own. Every check runs on fresh environments from a factory.
/// </summary>
public static class EnvChecker
{
    /// <summary>Checks environments made by <paramref name="factory"/>; render modes are not checked.</summary>
    public static EnvCheckReport Check(Func<IEnv> factory, EnvCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Run(_ => factory(), canRender: false, options ?? new EnvCheckOptions());
    }

    /// <summary>
    /// Checks environments made by <paramref name="factory"/>, which receives the render mode (null for none), so
    /// every mode in the metadata is rendered too.
    /// </summary>
    public static EnvCheckReport Check(Func<string?, IEnv> factory, EnvCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Run(factory, canRender: true, options ?? new EnvCheckOptions());
    }

    private static EnvCheckReport Run(Func<string?, IEnv> make, bool canRender, EnvCheckOptions options)
    {
        string name;
        EnvSpec? spec;
        IReadOnlyList<string> renderModes;
        try
        {
            using var probe = make(null);
            name = probe.Spec?.Id ?? probe.GetType().Name;
            spec = probe.Spec;
            renderModes = probe.Metadata.RenderModes;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new EnvCheckReport("(not created)", [Fail("create", $"The factory threw {Explain(e)}; it must build an environment with no render mode.")]);
        }

        var results = new List<EnvCheckResult>
        {
            Guard("reset", () => CheckReset(make, options)),
        };
        var (steps, finite) = GuardPair("random steps", "observations finite", () => CheckRandomSteps(make, options));
        results.Add(steps);
        results.Add(finite);
        results.Add(Guard("determinism", () => CheckDeterminism(make, spec, options)));
        results.AddRange(CheckRendering(make, canRender, renderModes, options));
        results.Add(Guard("close twice", () => CheckCloseTwice(make, options)));
        results.Add(Guard("invalid action", () => CheckInvalidAction(make, spec, options)));
        results.Add(Guard("no own time limit", () => CheckNoOwnTimeLimit(make, spec, options)));
        return new EnvCheckReport(name, results);
    }

    private static EnvCheckResult CheckReset(Func<string?, IEnv> make, EnvCheckOptions options)
    {
        using var env = make(null);
        var (observation, info) = env.ResetObject(options.Seed);
        if (info is null)
        {
            return Fail("reset", "reset returned a null info; return EnvInfo.Empty or a dictionary of extra values.");
        }

        if (!env.ObservationSpace.ContainsObject(observation))
        {
            return Fail("reset", $"reset(seed={options.Seed}) returned {DescribeTyped(observation)}, which is not in the observation space "
                + $"{env.ObservationSpace}. Build observations of the space's value type within its bounds.");
        }

        return Pass("reset", $"reset(seed={options.Seed}) returns an observation in {env.ObservationSpace} and an info dict.");
    }

    private static (EnvCheckResult Steps, EnvCheckResult Finite) CheckRandomSteps(Func<string?, IEnv> make, EnvCheckOptions options)
    {
        using var env = make(null);
        var space = env.ObservationSpace;
        env.ActionSpace.Seed(options.Seed);
        var observation = env.ResetObject(options.Seed).Observation;
        EnvCheckResult? finite = CheckFinite(observation, space, "the reset observation");
        var episodeEnds = 0;
        for (var t = 0; t < options.RandomSteps; t++)
        {
            var action = env.ActionSpace.SampleObject();
            var step = env.StepObject(action);
            finite ??= CheckFinite(step.Observation, space, $"the observation of step {t}");
            if (!space.ContainsObject(step.Observation))
            {
                return (Fail("random steps", $"step {t} (action {Formatting.Describe(action)}) returned {DescribeTyped(step.Observation)}, "
                    + $"which is not in the observation space {space}. Keep every observation inside the declared space."), finite ?? Skip("observations finite", "not reached"));
            }

            if (double.IsNaN(step.Reward))
            {
                return (Fail("random steps", $"step {t} returned a NaN reward; rewards must be numbers."), finite ?? Skip("observations finite", "not reached"));
            }

            if (step.Info is null)
            {
                return (Fail("random steps", $"step {t} returned a null info; return EnvInfo.Empty or a dictionary."), finite ?? Skip("observations finite", "not reached"));
            }

            if (step.Terminated || step.Truncated)
            {
                episodeEnds++;
                var reset = env.ResetObject();
                finite ??= CheckFinite(reset.Observation, space, $"the reset observation after step {t}");
                if (!space.ContainsObject(reset.Observation))
                {
                    return (Fail("random steps", $"reset() after step {t} returned {DescribeTyped(reset.Observation)}, which is not in {space}."), finite ?? Skip("observations finite", "not reached"));
                }
            }
        }

        return (
            Pass("random steps", $"{options.RandomSteps} steps with random actions ({episodeEnds} episode ends): every observation is in {space}."),
            finite ?? Pass("observations finite", "No observation contains NaN, and none contains an infinity outside the space."));
    }

    // Null when fine; a failure when the value holds NaN anywhere, or an infinity while not being a member.
    private static EnvCheckResult? CheckFinite(object? observation, Space space, string what)
    {
        var (hasNaN, hasInfinity) = ScanNonFinite(observation);
        if (hasNaN)
        {
            return Fail("observations finite", $"{what} contains NaN: {Formatting.Describe(observation)}. Guard the dynamics against 0/0 and "
                + "invalid inputs; NaN is never a member of a space.");
        }

        if (hasInfinity && !space.ContainsObject(observation))
        {
            return Fail("observations finite", $"{what} contains an infinity outside {space}: {Formatting.Describe(observation)}. "
                + "Clip the state, or declare unbounded dimensions in the space.");
        }

        return null;
    }

    private static EnvCheckResult CheckDeterminism(Func<string?, IEnv> make, EnvSpec? spec, EnvCheckOptions options)
    {
        const string name = "determinism";
        using var first = make(null);
        using var second = make(null);
        var a = first.ResetObject(options.Seed);
        var b = second.ResetObject(options.Seed);
        if (!DeepEquals(a.Observation, b.Observation) || !DeepEquals(a.Info, b.Info))
        {
            return Fail(name, $"reset(seed={options.Seed}) on two fresh environments gave different results: {Formatting.Describe(a.Observation)} "
                + $"{Formatting.Describe(a.Info)} vs {Formatting.Describe(b.Observation)} {Formatting.Describe(b.Info)}. Draw all randomness from "
                + "NpRandom (replaced by Reset(seed)), never from System.Random, the clock or static state.");
        }

        if (spec?.Nondeterministic == true)
        {
            return Pass(name, $"reset(seed={options.Seed}) is reproducible; trajectories are not compared (the spec says nondeterministic).");
        }

        first.ActionSpace.Seed(options.Seed);
        for (var t = 0; t < options.DeterminismSteps; t++)
        {
            var action = first.ActionSpace.SampleObject();
            var x = first.StepObject(action);
            var y = second.StepObject(action);
            if (!DeepEquals(x.Observation, y.Observation) || !x.Reward.Equals(y.Reward) || x.Terminated != y.Terminated || x.Truncated != y.Truncated)
            {
                return Fail(name, $"Two environments reset with seed {options.Seed} diverged at step {t} under the same action {Formatting.Describe(action)}: "
                    + $"obs {Formatting.Describe(x.Observation)} reward {x.Reward} terminated {x.Terminated} truncated {x.Truncated} vs "
                    + $"obs {Formatting.Describe(y.Observation)} reward {y.Reward} terminated {y.Terminated} truncated {y.Truncated}. "
                    + "Draw all randomness from NpRandom and keep no state outside the instance.");
            }

            if (x.Terminated || x.Truncated)
            {
                var rx = first.ResetObject();
                var ry = second.ResetObject();
                if (!DeepEquals(rx.Observation, ry.Observation))
                {
                    return Fail(name, $"After step {t}, reset() without a seed diverged between two identically seeded environments: "
                        + $"{Formatting.Describe(rx.Observation)} vs {Formatting.Describe(ry.Observation)}. Reset without a seed must continue NpRandom.");
                }
            }
        }

        var again = first.ResetObject(options.Seed);
        if (!DeepEquals(a.Observation, again.Observation))
        {
            return Fail(name, $"reset(seed={options.Seed}) on a used environment gave {Formatting.Describe(again.Observation)}, not the first "
                + $"{Formatting.Describe(a.Observation)}. A seeded reset must replace the generator (Env.Reset does this).");
        }

        return Pass(name, $"Fresh environments reset with seed {options.Seed} agree on the first observation and on {options.DeterminismSteps} "
            + "steps under the same actions; reseeding reproduces the first observation.");
    }

    private static IEnumerable<EnvCheckResult> CheckRendering(
        Func<string?, IEnv> make, bool canRender, IReadOnlyList<string> modes, EnvCheckOptions options)
    {
        if (!canRender)
        {
            yield return Skip("render", "The factory takes no render mode; pass a Func<string?, IEnv> to check rendering.");
            yield break;
        }

        if (modes.Count == 0)
        {
            yield return Skip("render", "The metadata declares no render modes.");
            yield break;
        }

        foreach (var mode in modes)
        {
            var name = $"render {mode}";
            if (mode is not (RenderModes.RgbArray or RenderModes.Ansi))
            {
                yield return Skip(name, $"No check exists for render mode '{mode}'.");
                continue;
            }

            yield return Guard(name, () => CheckRenderMode(make, mode, name, options));
        }
    }

    private static EnvCheckResult CheckRenderMode(Func<string?, IEnv> make, string mode, string name, EnvCheckOptions options)
    {
        using var env = make(mode);
        if (env.RenderMode != mode)
        {
            return Fail(name, $"The factory was asked for render mode '{mode}' but the environment reports '{env.RenderMode ?? "null"}'; pass the mode to the constructor.");
        }

        env.ActionSpace.Seed(options.Seed);
        env.ResetObject(options.Seed);
        (int Height, int Width)? size = options.ExpectedFrameSize;
        for (var t = 0; t <= options.RenderSteps; t++)
        {
            var when = t == 0 ? "after reset" : $"after step {t}";
            var rendering = env.Render();
            switch (mode)
            {
                case RenderModes.RgbArray when rendering is not RgbFrame:
                    return Fail(name, $"Render() {when} returned {rendering?.GetType().Name ?? "null"}; in 'rgb_array' mode it must return an RgbFrame (H x W x 3 bytes).");
                case RenderModes.RgbArray:
                    var frame = (RgbFrame)rendering!;
                    if (frame.Pixels.Length == 0 || frame.Pixels.Length != frame.Height * frame.Width * 3)
                    {
                        return Fail(name, $"Render() {when} returned a {frame.Height}x{frame.Width} frame with {frame.Pixels.Length} bytes; it needs {frame.Height * frame.Width * 3} (3 per pixel).");
                    }

                    if (size is { } expected && (frame.Height, frame.Width) != expected)
                    {
                        return Fail(name, $"Render() {when} returned a {frame.Height}x{frame.Width} frame; expected {expected.Height}x{expected.Width}"
                            + (options.ExpectedFrameSize is null ? " (the size of the first frame): keep the frame size fixed." : "."));
                    }

                    size = (frame.Height, frame.Width);
                    break;
                case RenderModes.Ansi when rendering is not AnsiText { Text.Length: > 0 }:
                    return Fail(name, $"Render() {when} returned {(rendering is AnsiText ? "empty text" : rendering?.GetType().Name ?? "null")}; in 'ansi' mode it must return non-empty AnsiText.");
            }

            if (t < options.RenderSteps)
            {
                var step = env.StepObject(env.ActionSpace.SampleObject());
                if (step.Terminated || step.Truncated)
                {
                    env.ResetObject();
                }
            }
        }

        return Pass(name, mode == RenderModes.RgbArray
            ? $"Render() returns {size?.Height}x{size?.Width} RGB frames after reset and {options.RenderSteps} steps."
            : $"Render() returns non-empty text after reset and {options.RenderSteps} steps.");
    }

    private static EnvCheckResult CheckCloseTwice(Func<string?, IEnv> make, EnvCheckOptions options)
    {
        using (var neverReset = make(null))
        {
            neverReset.Close();
            neverReset.Close();
        }

        using var env = make(null);
        env.ResetObject(options.Seed);
        env.Close();
        env.Close();
        return Pass("close twice", "Close() twice (with and without a reset first) throws nothing.");
    }

    private static EnvCheckResult CheckInvalidAction(Func<string?, IEnv> make, EnvSpec? spec, EnvCheckOptions options)
    {
        const string name = "invalid action";
        using var env = make(null);
        using var reference = make(null);
        env.ResetObject(options.Seed);
        reference.ResetObject(options.Seed);
        foreach (var invalid in InvalidActions(env.ActionSpace))
        {
            if (env.ActionSpace.ContainsObject(invalid))
            {
                continue;
            }

            try
            {
                env.StepObject(invalid);
                return Fail(name, $"Step accepted {DescribeTyped(invalid)}, which is not in the action space {env.ActionSpace}. "
                    + "Validate first (Env.RequireValidAction throws InvalidActionException).");
            }
            catch (ArgumentException)
            {
                // Expected: InvalidActionException is an ArgumentException.
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Fail(name, $"Step threw {Explain(e)} for the invalid action {DescribeTyped(invalid)}; throw InvalidActionException "
                    + "(an ArgumentException) before changing any state.");
            }
        }

        if (spec?.Nondeterministic == true)
        {
            return Pass(name, "Invalid actions are rejected with ArgumentException (state not compared: nondeterministic spec).");
        }

        env.ActionSpace.Seed(options.Seed);
        var action = env.ActionSpace.SampleObject();
        var after = env.StepObject(action);
        var expected = reference.StepObject(action);
        if (!DeepEquals(after.Observation, expected.Observation) || !after.Reward.Equals(expected.Reward)
            || after.Terminated != expected.Terminated || after.Truncated != expected.Truncated)
        {
            return Fail(name, $"After rejecting invalid actions, step({Formatting.Describe(action)}) gave {Formatting.Describe(after.Observation)} where an "
                + $"untouched twin gave {Formatting.Describe(expected.Observation)}: the rejected step changed state. Validate the action before "
                + "changing anything.");
        }

        return Pass(name, "Invalid actions are rejected with ArgumentException and leave the state untouched.");
    }

    private static EnvCheckResult CheckNoOwnTimeLimit(Func<string?, IEnv> make, EnvSpec? spec, EnvCheckOptions options)
    {
        const string name = "no own time limit";
        if (!options.CheckOwnTimeLimit)
        {
            return Skip(name, "Disabled by EnvCheckOptions.CheckOwnTimeLimit (the bare environment is not reachable, e.g. it runs on a server).");
        }

        if ((spec?.MaxEpisodeSteps ?? options.MaxEpisodeSteps) is not { } limit)
        {
            return Skip(name, "The environment has no spec with max_episode_steps and EnvCheckOptions.MaxEpisodeSteps is not set.");
        }

        using var env = make(null);
        var bare = Unwrap(env);
        bare.ActionSpace.Seed(options.Seed);
        bare.ResetObject(options.Seed);
        var budget = limit * options.TimeLimitFactor;
        var episodeSteps = 0;
        for (var total = 0; total < budget; total++)
        {
            var step = bare.StepObject(bare.ActionSpace.SampleObject());
            episodeSteps++;
            if (step.Truncated)
            {
                return Fail(name, $"Without wrappers the environment reported truncated=true after {episodeSteps} steps of an episode. "
                    + $"Environments must not count their own steps: remove the limit and register max_episode_steps={limit}, so make() adds TimeLimit.");
            }

            if (step.Terminated)
            {
                bare.ResetObject();
                episodeSteps = 0;
            }
        }

        return Pass(name, $"The bare environment never truncated in {budget} steps ({options.TimeLimitFactor} x the limit of {limit}).");
    }

    // Candidate actions outside the space: a wrong type always, plus a wrong value of the right type where known.
    private static IEnumerable<object> InvalidActions(Space space)
    {
        yield return "not an action";
        switch (space)
        {
            case Discrete d:
                yield return d.Start + d.N;
                yield return d.Start - 1;
                break;
            case MultiDiscrete m:
                yield return m.Nvec.Select((n, i) => n + m.Start[i]).ToArray();
                break;
            case MultiBinary b:
                yield return Enumerable.Repeat((sbyte)2, b.Size).ToArray();
                break;
            case TupleSpace:
                yield return Array.Empty<object>();
                break;
            case DictSpace:
                yield return new Dictionary<string, object>();
                break;
            default:
                var type = space.GetType();
                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Box<>))
                {
                    var size = space.Shape.Aggregate(1, (x, y) => x * y);
                    yield return Array.CreateInstance(type.GetGenericArguments()[0], size + 1);
                }

                break;
        }
    }

    // The innermost environment under Wrapper<,> layers (the bare environment Gymnasium calls "unwrapped").
    private static IEnv Unwrap(IEnv env)
    {
        for (var type = env.GetType(); type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Wrapper<,>))
            {
                return (IEnv)type.GetProperty(nameof(Wrapper<int, int>.Unwrapped))!.GetValue(env)!;
            }
        }

        return env;
    }

    private static (bool NaN, bool Infinity) ScanNonFinite(object? value)
    {
        switch (value)
        {
            case double d:
                return (double.IsNaN(d), double.IsInfinity(d));
            case float f:
                return (float.IsNaN(f), float.IsInfinity(f));
            case double[] ds:
                return (ds.Any(double.IsNaN), ds.Any(double.IsInfinity));
            case float[] fs:
                return (fs.Any(float.IsNaN), fs.Any(float.IsInfinity));
            case IDictionary dictionary:
                return Combine(dictionary.Values.Cast<object?>());
            case IEnumerable items and not string:
                return Combine(items.Cast<object?>());
            default:
                return (false, false);
        }

        static (bool, bool) Combine(IEnumerable<object?> parts)
        {
            bool nan = false, infinity = false;
            foreach (var part in parts)
            {
                var (n, i) = ScanNonFinite(part);
                nan |= n;
                infinity |= i;
            }

            return (nan, infinity);
        }
    }

    // Structural equality of observation and info values: numbers by value (NaN equals NaN), arrays and lists element
    // by element, dictionaries by key.
    private static bool DeepEquals(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        if (a is string || b is string)
        {
            return a.Equals(b);
        }

        if (a is IDictionary da && b is IDictionary db)
        {
            if (da.Count != db.Count)
            {
                return false;
            }

            foreach (DictionaryEntry entry in da)
            {
                if (!db.Contains(entry.Key) || !DeepEquals(entry.Value, db[entry.Key]))
                {
                    return false;
                }
            }

            return true;
        }

        if (a is IEnumerable ea && b is IEnumerable eb)
        {
            if (a.GetType() != b.GetType())
            {
                return false;
            }

            var left = ea.Cast<object?>().ToArray();
            var right = eb.Cast<object?>().ToArray();
            return left.Length == right.Length && left.Zip(right).All(p => DeepEquals(p.First, p.Second));
        }

        return a.Equals(b);
    }

    private static EnvCheckResult Guard(string name, Func<EnvCheckResult> check)
    {
        try
        {
            return check();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(name, $"The check stopped because the environment threw {Explain(e)}.");
        }
    }

    private static (EnvCheckResult, EnvCheckResult) GuardPair(string first, string second, Func<(EnvCheckResult, EnvCheckResult)> check)
    {
        try
        {
            return check();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (Fail(first, $"The check stopped because the environment threw {Explain(e)}."), Skip(second, $"Not completed: {first} stopped."));
        }
    }

    private static string Explain(Exception e) => $"{e.GetType().Name}: {e.Message}";

    private static string DescribeTyped(object? value) => $"{Formatting.Describe(value)} ({value?.GetType().Name ?? "null"})";

    private static EnvCheckResult Pass(string name, string message) => new(name, EnvCheckStatus.Passed, message);

    private static EnvCheckResult Fail(string name, string message) => new(name, EnvCheckStatus.Failed, message);

    private static EnvCheckResult Skip(string name, string message) => new(name, EnvCheckStatus.Skipped, message);
}
