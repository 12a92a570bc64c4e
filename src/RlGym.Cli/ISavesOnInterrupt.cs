namespace RlGym.Cli;

/// <summary>
/// A command that handles Ctrl+C (SIGINT) and SIGTERM itself with <see cref="InterruptSignal"/>, because stopping
/// cleanly takes it longer than System.CommandLine waits (2 s) before ending the process: <see cref="RlGymCommand"/>
/// turns System.CommandLine's handler off for it.
/// </summary>
internal interface ISavesOnInterrupt;
