using RlGym.Cli;

return await RlGymCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
