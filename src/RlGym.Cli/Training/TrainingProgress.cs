using System.Globalization;
using RlGym.Agents.Common;
using Spectre.Console;

namespace RlGym.Cli.Training;

/// <summary>
/// Shows a run's progress: steps done of the total, env-steps/s (<c>charts/SPS</c>) and the mean of the recent
/// episodic returns (<c>charts/episodic_return</c>, last <see cref="RecentEpisodes"/>), plus the latest evaluation
/// mean (<c>eval/mean_return</c>). Live on a Spectre.Console progress bar when <see cref="Task"/> is set; otherwise a
/// plain line (<see cref="DescribePlain"/>: also the percentage done and the estimated time left) every
/// <c>interval</c> to a writer (standard error when it is not a terminal: logs, CI, tests).
/// </summary>
internal sealed class TrainingProgress : IMetricWriter
{
    /// <summary>How many recent episodes the shown mean return covers.</summary>
    public const int RecentEpisodes = 20;

    private readonly Lock _lock = new();
    private readonly Queue<double> _recent = new();
    private readonly long? _totalSteps;
    private readonly TextWriter? _plain;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private long _lastLine;
    private long _step;
    private double? _sps;
    private double? _eval;

    /// <summary>Progress towards <paramref name="totalSteps"/> (null: unknown), printed to <paramref name="plain"/> when there is no live bar.</summary>
    public TrainingProgress(long? totalSteps, TextWriter? plain, TimeProvider time, TimeSpan interval)
    {
        _totalSteps = totalSteps;
        _plain = plain;
        _time = time;
        _interval = interval;
        _lastLine = time.GetTimestamp();
    }

    /// <summary>The live progress bar's task; null prints plain lines instead.</summary>
    public ProgressTask? Task { get; set; }

    /// <summary>The latest step any metric was recorded at.</summary>
    public long Step
    {
        get
        {
            lock (_lock)
            {
                return _step;
            }
        }
    }

    /// <summary>Mean of the recent episodic returns; null before the first episode ends.</summary>
    public double? RecentMeanReturn
    {
        get
        {
            lock (_lock)
            {
                return _recent.Count == 0 ? null : _recent.Average();
            }
        }
    }

    /// <inheritdoc/>
    public void Write(string name, double value, long step)
    {
        string? line = null;
        lock (_lock)
        {
            _step = Math.Max(_step, step);
            switch (name)
            {
                case "charts/SPS":
                    _sps = value;
                    break;
                case "charts/episodic_return":
                    _recent.Enqueue(value);
                    if (_recent.Count > RecentEpisodes)
                    {
                        _recent.Dequeue();
                    }

                    break;
                case "eval/mean_return":
                    _eval = value;
                    break;
                default:
                    break;
            }

            if (Task is { } task)
            {
                task.Value = _step;
                task.Description = Markup.Escape(DescribeLocked());
            }
            else if (_plain is not null && _time.GetElapsedTime(_lastLine) >= _interval)
            {
                _lastLine = _time.GetTimestamp();
                line = DescribePlainLocked();
            }
        }

        if (line is not null)
        {
            _plain!.WriteLine(line);
        }
    }

    /// <inheritdoc/>
    public void Flush()
    {
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    /// <summary>One line: steps (of the total), SPS, recent mean return and the latest evaluation.</summary>
    public string Describe()
    {
        lock (_lock)
        {
            return DescribeLocked();
        }
    }

    /// <summary>
    /// The plain line: <c>step 12,000/100,000 (12%), 3,100 steps/s, return 87.5 (last 20 episodes), eval 95, eta 28 s</c>;
    /// parts not known yet (the total, SPS, an episode, an evaluation) are left out.
    /// </summary>
    public string DescribePlain()
    {
        lock (_lock)
        {
            return DescribePlainLocked();
        }
    }

    private string DescribePlainLocked()
    {
        var parts = new List<string>();
        var c = CultureInfo.InvariantCulture;
        if (_totalSteps is { } total && total > 0)
        {
            parts.Add(string.Create(c, $"step {_step:N0}/{total:N0} ({Math.Min(_step, total) * 100 / total}%)"));
        }
        else
        {
            parts.Add(string.Create(c, $"step {_step:N0}"));
        }

        if (_sps is { } sps)
        {
            parts.Add(string.Create(c, $"{sps:N0} steps/s"));
        }

        if (_recent.Count > 0)
        {
            parts.Add(string.Create(c, $"return {_recent.Average():G4} (last {_recent.Count} episodes)"));
        }

        if (_eval is { } eval)
        {
            parts.Add(string.Create(c, $"eval {eval:G4}"));
        }

        if (_totalSteps is { } steps && _sps is > 0 && steps > _step)
        {
            parts.Add("eta " + Duration((steps - _step) / _sps.Value));
        }

        return string.Join(", ", parts);
    }

    /// <summary>28 s, 4 min 05 s, 2 h 07 min.</summary>
    internal static string Duration(double seconds)
    {
        var s = (long)Math.Ceiling(Math.Max(seconds, 0));
        return s switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{s} s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{s / 60} min {s % 60:D2} s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{s / 3600} h {s / 60 % 60:D2} min"),
        };
    }

    private string DescribeLocked()
    {
        var parts = new List<string>
        {
            _totalSteps is { } total
                ? string.Create(CultureInfo.InvariantCulture, $"step {_step:N0}/{total:N0}")
                : string.Create(CultureInfo.InvariantCulture, $"step {_step:N0}"),
            _sps is { } sps ? string.Create(CultureInfo.InvariantCulture, $"{sps:N0} SPS") : "- SPS",
            _recent.Count == 0
                ? "return -"
                : string.Create(CultureInfo.InvariantCulture, $"return {_recent.Average():G4} (last {_recent.Count})"),
        };
        if (_eval is { } eval)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"eval {eval:G4}"));
        }

        return string.Join("  ", parts);
    }
}
