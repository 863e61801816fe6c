namespace QiIngest.Infra.Tests;

public sealed class LintTests
{
    public static TheoryData<string> Templates()
    {
        var infra = BicepCli.InRepository("infra");
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(infra, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(BicepCli.RepositoryRoot, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Lint_Template_ReportsNothing(string template)
    {
        var (exitCode, output) = await BicepCli.RunAsync(["lint", BicepCli.InRepository(template)]);

        Assert.Equal("", output);
        Assert.Equal(0, exitCode);
    }
}
