namespace QiIngest.Cli.Demo;

/// <summary>Finds the clone <c>qi demo</c> runs from: the folder holding <c>QiIngest.sln</c> and <c>samples/uploads</c>.</summary>
internal static class RepositoryRoot
{
    /// <summary>The clone above <paramref name="workingDirectory"/>, else above the tool's own files; null when neither is in one.</summary>
    public static string? Find(string workingDirectory) => FindAbove(workingDirectory) ?? FindAbove(AppContext.BaseDirectory);

    private static string? FindAbove(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QiIngest.sln")) && Directory.Exists(Path.Combine(dir.FullName, "samples", "uploads")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
