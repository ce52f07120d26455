using FollowUps.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FollowUps.Sqlite.Tests.Storage;

/// <summary>The schema: created once, versioned, kept across restarts, refused when a newer incompatible version made it.</summary>
public sealed class SchemaTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Open_NewFileInAMissingFolder_CreatesItWithVersion3InWalModeAndLogsTheFullPath()
    {
        var file = Path.Combine(_folder.Path, "data", "followups.db");
        var logger = new FakeLogger<SqliteFollowUpStore>();
        var store = new SqliteFollowUpStore(new SqliteStoreOptions { Path = Path.GetRelativePath(Environment.CurrentDirectory, file) }, logger);

        await store.FindAsync(Claims.NewKey(), CancellationToken.None);

        store.Path.Should().Be(file);
        RawFile.Number(file, "PRAGMA user_version;").Should().Be(3);
        RawFile.Number(file, "SELECT minimum_reader_version FROM followups_schema;").Should().Be(2, "version 2 code runs on a version 3 file");
        RawFile.Scalar(file, "PRAGMA journal_mode;").Should().Be("wal");
        logger.Collector.GetSnapshot().Where(r => r.Level >= LogLevel.Information).Select(r => (r.Id.Id, r.Message)).Should().Equal(
            (401, $"Created the FollowUps schema version 3 in the SQLite file {file}"),
            (400, $"FollowUps keeps its outbox and do-not-contact list in the SQLite file {file} (schema version 3, WAL, synchronous=FULL)"));
    }

    [Fact]
    public async Task Open_FileWithRows_KeepsThemAcrossARestart()
    {
        var claim = Claims.Sms(Claims.NewKey());
        await _folder.Store().ClaimAsync(claim, CancellationToken.None);
        var entry = new SuppressionEntry { AccountId = claim.Key.AccountId, Target = claim.Targets[1], Reason = SuppressionReason.OptOutReply, CreatedAt = Claims.At };
        await _folder.Store().AddSuppressionAsync(entry, CancellationToken.None);
        SqliteConnection.ClearAllPools();

        var reopened = _folder.Store();

        (await reopened.FindAsync(claim.Key, CancellationToken.None)).Should().BeEquivalentTo(claim);
        (await reopened.FindSuppressionAsync(claim.Key.AccountId, claim.Targets, CancellationToken.None)).Should().Be(entry);
        (await reopened.ClaimAsync(claim with { LeaseOwner = "after-restart" }, CancellationToken.None)).Won.Should().BeFalse();
        RawFile.Number(_folder.File(), "PRAGMA user_version;").Should().Be(3);
    }

    [Fact]
    public async Task Open_FileOfANewerIncompatibleVersion_IsRefusedNamingBothVersions()
    {
        var claim = Claims.Sms(Claims.NewKey());
        await _folder.Store().ClaimAsync(claim, CancellationToken.None);
        RawFile.Execute(_folder.File(), "PRAGMA user_version = 5; UPDATE followups_schema SET minimum_reader_version = 4;");

        var act = () => _folder.Store().FindAsync(claim.Key, CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage(
            $"The SQLite file '{_folder.File()}' was created by a newer FollowUps.Sqlite: its schema version is 5 and needs FollowUps.Sqlite of schema version 4 or later, but this code reads schema version 3.*");
        RawFile.Number(_folder.File(), "PRAGMA user_version;").Should().Be(5, "a refused file is left as it was");
    }

    [Fact]
    public async Task Open_FileOfANewerVersionDeclaredCompatible_IsUsedAndLeftAtItsVersion()
    {
        var claim = Claims.Sms(Claims.NewKey());
        await _folder.Store().ClaimAsync(claim, CancellationToken.None);
        RawFile.Execute(_folder.File(), "PRAGMA user_version = 4; CREATE INDEX added_by_version_4 ON follow_ups (claimed_at);");
        SqliteConnection.ClearAllPools();
        var logger = new FakeLogger<SqliteFollowUpStore>();

        var store = new SqliteFollowUpStore(new SqliteStoreOptions { Path = _folder.File() }, logger);

        (await store.ClaimAsync(claim with { LeaseOwner = "old-code" }, CancellationToken.None)).Won.Should().BeFalse();
        (await store.ClaimAsync(Claims.Sms(Claims.NewKey()), CancellationToken.None)).Won.Should().BeTrue();
        RawFile.Number(_folder.File(), "PRAGMA user_version;").Should().Be(4);
        logger.Collector.GetSnapshot().Select(r => r.Id.Id).Should().Contain(403);
    }

    [Fact]
    public async Task Open_FileOfAnotherProgram_IsRefused()
    {
        RawFile.Execute(_folder.File(), "CREATE TABLE invoices (id INTEGER PRIMARY KEY);");

        var act = () => _folder.Store().FindAsync(Claims.NewKey(), CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*has tables but no FollowUps schema version*");
    }

    [Fact]
    public async Task Open_RefusedOnce_IsTriedAgainByTheNextCall()
    {
        RawFile.Execute(_folder.File(), "CREATE TABLE invoices (id INTEGER PRIMARY KEY);");
        var store = _folder.Store();
        await store.Invoking(s => s.FindAsync(Claims.NewKey(), CancellationToken.None)).Should().ThrowAsync<InvalidOperationException>();
        RawFile.Execute(_folder.File(), "DROP TABLE invoices;");

        (await store.ClaimAsync(Claims.Sms(Claims.NewKey()), CancellationToken.None)).Won.Should().BeTrue();
    }

    public void Dispose() => _folder.Dispose();
}
