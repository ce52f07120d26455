namespace FollowUps.PostgreSql.Tests.Processes.Children;

/// <summary>
/// The test assembly's entry point, for the multi-process tests (<see cref="ChildProcess"/> starts it as
/// <c>dotnet FollowUps.PostgreSql.Tests.dll MODE …</c>); the test runner never calls it. Each child is a host of its own
/// running FollowUps on the shared PostgreSQL server (<c>UsePostgreSqlStore</c>, the database's clock, as in
/// production) and sending to the test's <see cref="LoopbackProvider"/>. It prints <c>READY</c> once its host started
/// (the schema checked), then waits for <c>go</c> on its standard input, so every child starts its work at once:
/// <list type="bullet">
/// <item><c>engine CONNECTION SCHEMA PROVIDER NAME ACCOUNT CONTACTS</c>: <see cref="EngineChild"/>.</item>
/// <item><c>dispatch CONNECTION SCHEMA PROVIDER NAME LEASE-SECONDS</c>: <see cref="DispatcherChild"/>.</item>
/// </list>
/// Exits 0 when done, 2 on bad arguments; anything thrown ends it with another code and the exception on standard error.
/// </summary>
public static class ChildProgram
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args)
        {
            case ["engine", var connection, var schema, var provider, var name, var account, var contacts]:
                await EngineChild.RunAsync(new ChildSettings(connection, schema, new Uri(provider), name), account, int.Parse(contacts, System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            case ["dispatch", var connection, var schema, var provider, var name, var lease]:
                await DispatcherChild.RunAsync(new ChildSettings(connection, schema, new Uri(provider), name), TimeSpan.FromSeconds(int.Parse(lease, System.Globalization.CultureInfo.InvariantCulture)));
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: engine CONNECTION SCHEMA PROVIDER NAME ACCOUNT CONTACTS | dispatch CONNECTION SCHEMA PROVIDER NAME LEASE-SECONDS");
                return 2;
        }
    }
}
