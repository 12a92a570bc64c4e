using RlGym.Cli;

return await RlGymCommand.InvokeAsync(args).ConfigureAwait(false);
