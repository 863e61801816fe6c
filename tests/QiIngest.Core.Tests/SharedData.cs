namespace QiIngest.Core.Tests;

/// <summary>Finds <c>../shared</c> beside the repository, wherever the tests run from.</summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(dir.FullName, "shared");
            }
        }

        throw new DirectoryNotFoundException("The shared test data (../shared/data) was not found beside the repository.");
    });

    public static string Combine(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    public static string Golden => Path.Combine(Root.Value, "data", "golden");

    public static string GoldenBad => Path.Combine(Root.Value, "data", "golden-bad");

    public static string Spec => Path.Combine(Root.Value, "spec");
}
