namespace FollowUps.Tests.Json;

/// <summary>Files of this repository that tests read: the sample's calls.json and the README.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string SampleCalls => File.ReadAllText(Path.Combine(Root, "samples", "FollowUps.Samples.Console", "calls.json"));

    public static string Readme => File.ReadAllText(Path.Combine(Root, "README.md"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FollowUps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No FollowUps.sln above {AppContext.BaseDirectory}.");
    }
}
