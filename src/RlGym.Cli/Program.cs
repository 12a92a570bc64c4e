using System.CommandLine;

// Subcommands are added by the CLI work (serve, envs, bench).
var root = new RootCommand("rlgym: Gymnasium-compatible environments served over gRPC.");
return root.Parse(args).Invoke();
