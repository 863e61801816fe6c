using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QiIngest.Core;

namespace QiIngest.Cli.Commands;

/// <summary>The checker of the offline commands, registered by the core's own <c>AddQiIngestCore</c>, with the limits of section 7 from the settings <c>QiIngest:Limits:*</c> (environment variables <c>QiIngest__Limits__*</c>).</summary>
internal static class OfflineChecker
{
    public static ReturnChecker Create(IConfiguration configuration, Texts.CliTexts text)
    {
        using var services = new ServiceCollection()
            .AddQiIngestCore(limits => limits.Configure(l => configuration.GetSection(IngestLimits.Section).Bind(l)))
            .BuildServiceProvider();
        try
        {
            return services.GetRequiredService<ReturnChecker>();
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            throw new CliException(ExitCodes.Usage, text.LimitsUnusable(string.Join(" ", e.Failures)));
        }
    }
}
