using FollowUps.Sqlite.Tests.Support;

namespace FollowUps.Sqlite.Tests.Storage;

/// <summary>What a fault of the file does: a clear exception, never a hang, and nothing claimed lost.</summary>
public sealed class FaultTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Write_FileLockedPastTheBusyTimeout_ThrowsAnIOExceptionNamingTheLockAndLosesNothing()
    {
        var store = _folder.Store(busyTimeout: TimeSpan.FromMilliseconds(200));
        var held = Claims.Sms(Claims.NewKey());
        await store.ClaimAsync(held, CancellationToken.None);
        var waiting = Claims.Sms(Claims.NewKey());

        using (var locker = RawFile.Open(_folder.File()))
        {
            using var command = locker.CreateCommand();
            command.CommandText = "BEGIN EXCLUSIVE;";
            command.ExecuteNonQuery();

            var act = () => store.ClaimAsync(waiting, CancellationToken.None).WaitAsync(HangGuard);

            (await act.Should().ThrowAsync<IOException>()).WithMessage(
                $"Could not claim a follow-up in the SQLite file '{_folder.File()}': the file is locked by another connection (waited 0.2 s, the busy timeout).*");
            (await store.FindAsync(held.Key, CancellationToken.None).WaitAsync(HangGuard)).Should().NotBeNull("readers are not blocked in WAL mode");
        }

        (await store.FindAsync(waiting.Key, CancellationToken.None)).Should().BeNull("the failed claim wrote nothing");
        (await store.ClaimAsync(waiting, CancellationToken.None)).Won.Should().BeTrue();
        (await store.FindAsync(held.Key, CancellationToken.None)).Should().BeEquivalentTo(held);
    }

    [Theory]
    [InlineData("message", "'{not json'")]
    [InlineData("state", "42")]
    [InlineData("targets", "'[{\"kind\":9,\"value\":\"x\"}]'")]
    public async Task Read_CorruptRow_ThrowsAnInvalidDataExceptionNamingTheFile(string column, string value)
    {
        var store = _folder.Store();
        var claim = Claims.Sms(Claims.NewKey());
        await store.ClaimAsync(claim, CancellationToken.None);
        RawFile.Execute(_folder.File(), $"UPDATE follow_ups SET {column} = {value};");

        var act = () => store.FindAsync(claim.Key, CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidDataException>()).WithMessage($"Could not read a follow-up: a row in the SQLite file '{_folder.File()}' is corrupt*");
    }

    [Fact]
    public async Task Open_FileThatIsNotADatabase_ThrowsAnIOException()
    {
        await File.WriteAllTextAsync(_folder.File(), new string('x', 4096));

        var act = () => _folder.Store().FindAsync(Claims.NewKey(), CancellationToken.None).WaitAsync(HangGuard);

        (await act.Should().ThrowAsync<IOException>()).WithMessage("*the file is corrupt or not a SQLite database*");
    }

    public void Dispose() => _folder.Dispose();
}
