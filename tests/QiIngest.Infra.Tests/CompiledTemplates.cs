namespace QiIngest.Infra.Tests;

/// <summary>The three deployable templates, compiled once for all the tests of a class.</summary>
public sealed class CompiledTemplates : IAsyncLifetime
{
    internal ArmTemplate Main { get; private set; } = null!;

    internal ArmTemplate EventGrid { get; private set; } = null!;

    internal ArmTemplate ReporterAccess { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builds = await Task.WhenAll(
            BicepCli.BuildAsync("infra/main.bicep"),
            BicepCli.BuildAsync("infra/eventgrid.bicep"),
            BicepCli.BuildAsync("infra/modules/reporter-access.bicep"));
        Main = ArmTemplate.Parse(builds[0]);
        EventGrid = ArmTemplate.Parse(builds[1]);
        ReporterAccess = ArmTemplate.Parse(builds[2]);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
