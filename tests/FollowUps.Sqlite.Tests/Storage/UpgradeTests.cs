using FollowUps.Sqlite.Tests.Support;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Sqlite.Tests.Storage;

/// <summary>A file FollowUps.Sqlite of schema version 1 made, with its rows, upgraded in place by this code.</summary>
public sealed class UpgradeTests : IDisposable
{
    /// <summary>What FollowUps.Sqlite of schema version 1 created (its Schema.Steps[0] and the version stamps), kept verbatim.</summary>
    private const string Version1 = """
        CREATE TABLE follow_ups (
            account_id TEXT NOT NULL,
            campaign_id TEXT NOT NULL,
            contact_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            call_id TEXT NOT NULL,
            targets TEXT NOT NULL,
            message TEXT NOT NULL,
            state INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            lease_owner TEXT,
            lease_expires_at INTEGER,
            due_at INTEGER,
            wait_reason INTEGER NOT NULL,
            claimed_at INTEGER NOT NULL,
            deadline INTEGER NOT NULL,
            completed_at INTEGER,
            outcome TEXT,
            provider_message_id TEXT,
            delivery TEXT,
            PRIMARY KEY (account_id, campaign_id, contact_id, kind)
        ) WITHOUT ROWID;
        CREATE INDEX follow_ups_by_call ON follow_ups (account_id, call_id);
        CREATE INDEX follow_ups_by_provider_message_id ON follow_ups (provider_message_id) WHERE provider_message_id IS NOT NULL;
        CREATE INDEX follow_ups_unfinished ON follow_ups (state, due_at) WHERE state IN (0, 3, 4, 5);
        CREATE TABLE follow_up_targets (
            account_id TEXT NOT NULL,
            target_kind INTEGER NOT NULL,
            value TEXT NOT NULL,
            campaign_id TEXT NOT NULL,
            contact_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            PRIMARY KEY (account_id, target_kind, value, campaign_id, contact_id, kind)
        ) WITHOUT ROWID;
        CREATE TABLE suppressions (
            account_id TEXT NOT NULL,
            target_kind INTEGER NOT NULL,
            value TEXT NOT NULL,
            reason INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, target_kind, value)
        ) WITHOUT ROWID;
        CREATE TABLE followups_schema (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            minimum_reader_version INTEGER NOT NULL
        );
        INSERT INTO followups_schema (id, minimum_reader_version) VALUES (1, 1);
        PRAGMA user_version = 1;
        """;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Open_Version1FileWithAWaitingRetry_UpgradesToVersion2AndTheRowReadsLeasesAndGetsHistoryFromThenOn()
    {
        // A retry due at 09:35, written by version 1 code after its first attempt failed with a 503.
        var at = Claims.At;
        RawFile.Execute(_folder.File(), Version1 + $$$"""
            INSERT INTO follow_ups VALUES (
                'acme', 'recall', 'contact-1', 0, 'call-1',
                '[{"kind":0,"value":"contact-1"},{"kind":1,"value":"+14155552671"}]',
                '{"sms":{"to":"+14155552671","body":"Hi Ann, it''s Dana from Acme Dental.","template":0}}',
                5, 1, NULL, NULL, {{{at.AddMinutes(5).UtcTicks}}}, 1, {{{at.UtcTicks}}}, {{{at.AddHours(24).UtcTicks}}}, NULL,
                '{"kind":0,"status":2,"reason":0,"detail":"503 Service Unavailable"}', NULL, NULL);
            INSERT INTO follow_up_targets VALUES ('acme', 1, '+14155552671', 'recall', 'contact-1', 0);
            """);
        var key = new FollowUpKey("acme", "recall", "contact-1", FollowUpKind.Sms);
        var logger = new FakeLogger<SqliteFollowUpStore>();
        var time = new FakeTimeProvider(at.AddMinutes(6));

        var store = new SqliteFollowUpStore(new SqliteStoreOptions { Path = _folder.File() }, logger, time);
        var read = await store.FindAsync(key, CancellationToken.None);

        RawFile.Number(_folder.File(), "PRAGMA user_version;").Should().Be(2);
        RawFile.Number(_folder.File(), "SELECT minimum_reader_version FROM followups_schema;").Should().Be(2);
        logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 402 && r.Message == $"Upgraded the FollowUps schema in the SQLite file {_folder.File()} from version 1 to 2");
        read.Should().NotBeNull();
        read!.Should().BeEquivalentTo(new
        {
            State = FollowUpState.Waiting,
            Attempts = 1,
            AttemptStartedAt = (DateTimeOffset?)null,
            DueAt = (DateTimeOffset?)at.AddMinutes(5),
            WaitReason = WaitReason.Retry,
            ClaimedAt = at,
            Sms = new { To = "+14155552671", Body = "Hi Ann, it's Dana from Acme Dental.", Template = SmsTemplateKind.MeetingRequest },
            Outcome = new { Status = OutcomeStatus.Failed, Detail = "503 Service Unavailable", DecidedBy = (string?)null },
        });
        (await store.ReadHistoryAsync(key, CancellationToken.None)).Should().BeEmpty("version 1 kept no history");
        (await store.ListAsync(new FollowUpQuery { AccountId = "acme" }, CancellationToken.None)).Should().ContainSingle().Which.Key.Should().Be(key);

        var leased = (await store.LeaseDueAsync(new("dispatcher", at.AddMinutes(6), at.AddMinutes(8), 10), CancellationToken.None)).Should().ContainSingle().Subject;
        var sending = leased with { State = FollowUpState.Sending, Attempts = 2, AttemptStartedAt = at.AddMinutes(6), DueAt = null, WaitReason = WaitReason.None };
        (await store.TryUpdateAsync(leased, sending, CancellationToken.None)).Should().BeTrue();

        (await store.FindAsync(key, CancellationToken.None)).Should().BeEquivalentTo(sending);
        (await store.ReadHistoryAsync(key, CancellationToken.None)).Should().Equal(
            new FollowUpHistoryEntry { At = at.AddMinutes(6), State = FollowUpState.Sending, Attempt = 2, Outcome = read.Outcome });
    }

    [Fact]
    public async Task Open_Version1FileWithAnUnknownSend_MakesItDueToBeAskedAboutNowNotAtItsDeadline()
    {
        var at = Claims.At;
        RawFile.Execute(_folder.File(), Version1 + $$$"""
            INSERT INTO follow_ups VALUES (
                'acme', 'recall', 'contact-1', 0, 'call-1',
                '[{"kind":0,"value":"contact-1"}]',
                '{"sms":{"to":"+14155552671","body":"Hi Ann, it''s Dana from Acme Dental.","template":0}}',
                3, 1, NULL, NULL, NULL, 0, {{{at.UtcTicks}}}, {{{at.AddHours(24).UtcTicks}}}, NULL,
                '{"kind":0,"status":3,"reason":107,"detail":"No answer within 30 seconds."}', NULL, NULL);
            """);
        var store = new SqliteFollowUpStore(new SqliteStoreOptions { Path = _folder.File() }, timeProvider: new FakeTimeProvider(at.AddMinutes(10)));

        var leased = await store.LeaseDueAsync(new("dispatcher", at.AddMinutes(10), at.AddMinutes(12), 10), CancellationToken.None);

        leased.Should().ContainSingle().Which.Should().BeEquivalentTo(new { State = FollowUpState.Unknown, DueAt = (DateTimeOffset?)at, AttemptStartedAt = (DateTimeOffset?)null });
    }

    public void Dispose() => _folder.Dispose();
}
