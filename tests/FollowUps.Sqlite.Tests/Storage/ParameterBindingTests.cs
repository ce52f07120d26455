using FollowUps.Sqlite.Storage;
using Microsoft.Data.Sqlite;

namespace FollowUps.Sqlite.Tests.Storage;

/// <summary>
/// How a command the writer keeps takes its next parameters (<see cref="SqliteDatabase.Bind"/>): the same names in the
/// same order keep the parameter objects and take the new values; any other list replaces them, so a value never lands
/// under another parameter's name.
/// </summary>
public sealed class ParameterBindingTests
{
    [Fact]
    public void TheSameNamesInTheSameOrder_KeepTheParameterObjects_AndTakeTheNewValues()
    {
        using var command = new SqliteCommand();
        SqliteDatabase.Bind(command.Parameters, [("$state", 0), ("$owner", "worker-1")]);
        var (state, owner) = (command.Parameters[0], command.Parameters[1]);

        SqliteDatabase.Bind(command.Parameters, [("$state", 4), ("$owner", null)]);

        command.Parameters.Count.Should().Be(2);
        command.Parameters[0].Should().BeSameAs(state);
        command.Parameters[1].Should().BeSameAs(owner);
        state.Value.Should().Be(4);
        owner.Value.Should().Be(DBNull.Value, "a null binds as SQL NULL");
    }

    [Theory]
    [InlineData("other order")]
    [InlineData("other name")]
    [InlineData("fewer")]
    [InlineData("more")]
    public void AnyOtherList_ReplacesTheParameters(string change)
    {
        using var command = new SqliteCommand();
        SqliteDatabase.Bind(command.Parameters, [("$state", 0), ("$owner", "worker-1")]);
        (string, object?)[] next = change switch
        {
            "other order" => [("$owner", "worker-2"), ("$state", 5)],
            "other name" => [("$state", 5), ("$lease", 9L)],
            "fewer" => [("$state", 5)],
            _ => [("$state", 5), ("$owner", "worker-2"), ("$lease", 9L)],
        };

        SqliteDatabase.Bind(command.Parameters, next);

        command.Parameters.Cast<SqliteParameter>().Select(p => (p.ParameterName, p.Value))
            .Should().Equal(next.Select(p => (p.Item1, (object?)(p.Item2 ?? DBNull.Value))));
    }

    [Fact]
    public async Task TheWritersKeptCommand_RunWithItsParametersInAnotherOrder_BindsEachValueToItsOwnName()
    {
        using var folder = new Support.TempFolder();
        using var database = new SqliteDatabase(folder.File(), TimeSpan.FromSeconds(5), SqliteSynchronous.Full, CheckpointPolicy.Default, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        const string sql = "SELECT $a || '-' || $b;";

        async Task<object?> RunAsync(params (string, object?)[] parameters) =>
            await database.WriteAsync("test", async (connection, transaction) =>
            {
                var command = SqliteDatabase.Command(connection, transaction, sql, parameters);
                await using (command)
                {
                    return await command.ExecuteScalarAsync();
                }
            }, CancellationToken.None);

        (await RunAsync(("$a", "x"), ("$b", "y"))).Should().Be("x-y");
        (await RunAsync(("$a", "p"), ("$b", "q"))).Should().Be("p-q");
        (await RunAsync(("$b", "2"), ("$a", "1"))).Should().Be("1-2");
    }
}
