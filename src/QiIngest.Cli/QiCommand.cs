namespace QiIngest.Cli;

/// <summary>How to type <c>qi</c> in a hint: <c>qi</c> when it is on the PATH, else the path of the program running now.</summary>
internal static class QiCommand
{
    public static string Name(string workingDirectory)
    {
        var running = Environment.ProcessPath;
        if (running is null || !Path.GetFileNameWithoutExtension(running).Equals("qi", StringComparison.OrdinalIgnoreCase) || OnPath())
        {
            // Installed as a tool or on the PATH; or run by a test host, whose hints name the command.
            return "qi";
        }

        var relative = Path.GetRelativePath(workingDirectory, running);
        if (!Path.IsPathRooted(relative) && !relative.StartsWith('.'))
        {
            relative = "." + Path.DirectorySeparatorChar + relative;
        }

        return relative.Contains(' ', StringComparison.Ordinal) ? $"\"{relative}\"" : relative;
    }

    private static bool OnPath()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "qi.exe", "qi.cmd" } : ["qi"];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(folder => names.Any(name => File.Exists(Path.Combine(folder, name))));
    }
}
