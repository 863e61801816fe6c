namespace QiIngest.Testing;

/// <summary>Finds <c>../shared</c> (the spec and test data) beside the repository, wherever the tests run from.</summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "data")))
            {
                return Path.Combine(dir.FullName, "shared");
            }
        }

        throw new DirectoryNotFoundException("The shared test data (../shared/data) was not found beside the repository.");
    });

    public static string Data => Path.Combine(Root.Value, "data");

    public static string Golden => Path.Combine(Root.Value, "data", "golden");

    public static string GoldenUploads => Path.Combine(Golden, "uploads");

    public static string GoldenBad => Path.Combine(Root.Value, "data", "golden-bad");

    public static string Spec => Path.Combine(Root.Value, "spec");

    /// <summary>Every golden upload as its blob name within the uploads container ({reporter}/{period}/{file}).</summary>
    public static IEnumerable<(string BlobName, string Path)> GoldenFiles() =>
        Directory.EnumerateFiles(GoldenUploads, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => (System.IO.Path.GetRelativePath(GoldenUploads, p).Replace('\\', '/'), p));
}
