using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using QiIngest.LocalHost;

// The local host as a program: settings from the environment and from arguments such as
// --QiStorage "UseDevelopmentStorage=true" --RollupSchedule "0 */5 * * * *". Stops on Ctrl+C.
var overrides = new ConfigurationBuilder().AddCommandLine(args).Build();
await LocalHostBuilder.Create(overrides).RunAsync();
