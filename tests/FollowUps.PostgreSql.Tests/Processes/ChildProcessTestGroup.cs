namespace FollowUps.PostgreSql.Tests.Processes;

/// <summary>
/// The multi-process tests run one at a time (xunit runs other test classes beside them): each starts up to eight
/// children with connections of their own, and the test server takes 400 in all, beside the shared data source's 50.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChildProcessTestGroup
{
    public const string Name = "Child processes on the shared server";
}
