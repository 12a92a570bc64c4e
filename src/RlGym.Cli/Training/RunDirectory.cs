using System.Globalization;
using RlGym.Agents;
using RlGym.Agents.Common;

namespace RlGym.Cli.Training;

/// <summary>
/// Where <c>rlgym train</c> writes, never silently into an earlier run: <c>--out DIR</c> must be missing or empty
/// unless <c>--force</c>, which first removes the files a run writes (<see cref="Clear"/>) and leaves any others; the
/// default directory moves on to the first free <c>_2</c>, <c>_3</c>, ... suffix instead (with <c>--force</c> it is
/// reused and cleared too).
/// </summary>
internal static class RunDirectory
{
    /// <summary>The effective hyperparameters a run trains with, as JSON (<c>rlgym train --print-config</c>'s form).</summary>
    public const string ConfigFile = "config.json";

    /// <summary>The metrics file a run writes.</summary>
    public const string MetricsFile = "metrics.csv";

    /// <summary>The learning-curve image a run writes.</summary>
    public const string CurveFile = "learning_curve.png";

    /// <summary>The TensorBoard log directory a run writes.</summary>
    public const string TensorBoardDirectory = "tb";

    /// <summary>The directory of the GIFs <c>--capture-video</c> writes (<c>rl-video-step-STEP.gif</c>).</summary>
    public const string VideosDirectory = TrainRequest.VideosDirectory;

    /// <summary>The checkpoint directory a run writes.</summary>
    public const string CheckpointDirectory = "final";

    /// <summary>
    /// The directory to write to, without touching the file system: <paramref name="requested"/> (<c>--out</c>) when it is
    /// missing or empty, or with <paramref name="force"/>; otherwise the first of <paramref name="defaultDirectory"/>,
    /// <c>_2</c>, <c>_3</c>, ... that is missing or empty (with <paramref name="force"/>: <paramref name="defaultDirectory"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="requested"/> holds files and <paramref name="force"/> is not set.</exception>
    public static string Choose(string? requested, string defaultDirectory, bool force)
    {
        if (requested is not null)
        {
            if (File.Exists(requested))
            {
                throw new ArgumentException($"--out {requested} is a file; expected a directory.");
            }

            if (!force && !IsFree(requested))
            {
                throw new ArgumentException(
                    $"--out {requested} is not empty (an earlier run?); choose another directory, or add --force to replace the earlier run's files in it.");
            }

            return requested;
        }

        if (force || IsFree(defaultDirectory))
        {
            return defaultDirectory;
        }

        for (var n = 2; ; n++)
        {
            var candidate = string.Create(CultureInfo.InvariantCulture, $"{defaultDirectory}_{n}");
            if (IsFree(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>
    /// Removes what a run writes from <paramref name="directory"/>: <see cref="ConfigFile"/>, <see cref="MetricsFile"/>, <see cref="CurveFile"/>,
    /// the TensorBoard event files in <see cref="TensorBoardDirectory"/>, the GIFs in <see cref="VideosDirectory"/> and the checkpoint in
    /// <see cref="CheckpointDirectory"/> (when it holds one); other files stay. Nothing happens when it is missing.
    /// </summary>
    public static void Clear(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        File.Delete(Path.Combine(directory, ConfigFile));
        File.Delete(Path.Combine(directory, MetricsFile));
        File.Delete(Path.Combine(directory, CurveFile));
        DeleteFiles(Path.Combine(directory, TensorBoardDirectory), TensorBoardMetricWriter.FilePrefix + "*");
        DeleteFiles(Path.Combine(directory, VideosDirectory), "rl-video-step-*.gif");
        var checkpoint = Path.Combine(directory, CheckpointDirectory);
        if (File.Exists(Path.Combine(checkpoint, Checkpoint.ManifestFile)))
        {
            Directory.Delete(checkpoint, recursive: true);
        }
    }

    /// <summary>Deletes the files matching <paramref name="pattern"/> in <paramref name="directory"/>, and the directory when that leaves it empty.</summary>
    private static void DeleteFiles(string directory, string pattern)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.GetFiles(directory, pattern))
        {
            File.Delete(file);
        }

        if (!Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }
    }

    private static bool IsFree(string directory) =>
        !Path.Exists(directory) || (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any());
}
