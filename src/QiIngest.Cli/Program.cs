using QiIngest.Cli;

return await CliApp.RunAsync(args, CliContext.ForProcess());
