using FollowUps.Sqlite.Tests.Support;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Sqlite.Tests.Storage;

/// <summary>Files FollowUps.Sqlite of schema versions 1 and 2 made, with their rows, upgraded in place by this code.</summary>
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

    /// <summary>What FollowUps.Sqlite of schema version 2 made of a version 1 file (its Schema.Steps[1] and the version stamps), kept verbatim.</summary>
    private const string Version2 = Version1 + """
        ALTER TABLE follow_ups ADD COLUMN attempt_started_at INTEGER;
        ALTER TABLE follow_ups ADD COLUMN cancel_request TEXT;
        CREATE TABLE follow_up_history (
            account_id TEXT NOT NULL,
            campaign_id TEXT NOT NULL,
            contact_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            at INTEGER NOT NULL,
            state INTEGER NOT NULL,
            attempt INTEGER NOT NULL,
            outcome TEXT,
            delivery TEXT,
            PRIMARY KEY (account_id, campaign_id, contact_id, kind, seq)
        ) WITHOUT ROWID;
        CREATE INDEX follow_ups_by_claim ON follow_ups (account_id, claimed_at, campaign_id, contact_id, kind);
        UPDATE follow_ups SET due_at = claimed_at WHERE state = 3 AND due_at IS NULL;
        UPDATE followups_schema SET minimum_reader_version = 2;
        PRAGMA user_version = 2;
        """;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Open_Version1FileWithAWaitingRetry_UpgradesInPlaceAndTheRowReadsLeasesAndGetsHistoryFromThenOn()
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

        RawFile.Number(_folder.File(), "PRAGMA user_version;").Should().Be(3);
        RawFile.Number(_folder.File(), "SELECT minimum_reader_version FROM followups_schema;").Should().Be(2);
        logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 402 && r.Message == $"Upgraded the FollowUps schema in the SQLite file {_folder.File()} from version 1 to 3");
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

    [Fact]
    public async Task Open_Version2FileWithABacklog_UpgradesToVersion3WithTheLeaseIndexesAndLeasesFairly()
    {
        // Version 2 code left a busy account's 30 due retries (one a minute from 09:00), a quiet account's two (an email at
        // 09:10, an SMS at 09:11) and a resting account's email due first (08:50); and a finished follow-up.
        var at = Claims.At;
        const string Columns = "account_id, campaign_id, contact_id, kind, call_id, targets, message, state, attempts, lease_owner, lease_expires_at, due_at, wait_reason, claimed_at, deadline, completed_at, outcome, provider_message_id, delivery, attempt_started_at, cancel_request";
        const string Message = """'{"sms":{"to":"+14155552671","body":"Hi Ann, it''s Dana from Acme Dental.","template":0}}'""";
        string Due(string account, string contact, FollowUpKind kind, DateTimeOffset due) =>
            $"('{account}', 'recall', '{contact}', {(int)kind}, 'call', '[]', {Message}, 5, 1, NULL, NULL, {due.UtcTicks}, 1, {due.AddMinutes(-1).UtcTicks}, {at.AddDays(1).UtcTicks}, NULL, NULL, NULL, NULL, NULL, NULL)";
        var start = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, 30).Select(i => Due("busy", $"busy-{i:00}", FollowUpKind.Email, start.AddMinutes(i)))
            .Append(Due("quiet", "quiet-email", FollowUpKind.Email, start.AddMinutes(10)))
            .Append(Due("quiet", "quiet-sms", FollowUpKind.Sms, start.AddMinutes(11)))
            .Append(Due("resting", "resting-email", FollowUpKind.Email, start.AddMinutes(-10)))
            .Append($"('quiet', 'recall', 'done', 0, 'call', '[]', {Message}, 1, 1, NULL, NULL, NULL, 0, {start.UtcTicks}, {at.AddDays(1).UtcTicks}, {start.UtcTicks}, NULL, NULL, NULL, NULL, NULL)");
        RawFile.Execute(_folder.File(), Version2 + $"INSERT INTO follow_ups ({Columns}) VALUES {string.Join(", ", rows)};");
        var logger = new FakeLogger<SqliteFollowUpStore>();
        var store = new SqliteFollowUpStore(new SqliteStoreOptions { Path = _folder.File() }, logger, new FakeTimeProvider(at));

        var fair = await store.LeaseDueAsync(new("dispatcher-1", at, at.AddMinutes(2), 5) { MaxPerAccount = 2, Skip = [new("resting", FollowUpKind.Email)] }, CancellationToken.None);
        var oldest = await store.LeaseDueAsync(new("dispatcher-2", at, at.AddMinutes(2), 3), CancellationToken.None);

        RawFile.Number(_folder.File(), "PRAGMA user_version;").Should().Be(3);
        RawFile.Number(_folder.File(), "SELECT minimum_reader_version FROM followups_schema;").Should().Be(2, "version 2 code runs on it as before");
        logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 402 && r.Message == $"Upgraded the FollowUps schema in the SQLite file {_folder.File()} from version 2 to 3");
        RawFile.Scalar(_folder.File(), "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'follow_ups' AND name LIKE 'follow_ups_unfinished%' ORDER BY name);")
            .Should().Be("follow_ups_unfinished_by_due follow_ups_unfinished_by_sender");
        fair.Select(r => r.Key.ContactId).Should().Equal("busy-00", "busy-01", "quiet-email", "quiet-sms");
        fair.Should().OnlyContain(r => r.LeaseOwner == "dispatcher-1" && r.LeaseExpiresAt == at.AddMinutes(2) && r.State == FollowUpState.Waiting);
        oldest.Select(r => r.Key.ContactId).Should().Equal("resting-email", "busy-02", "busy-03");
    }

    public void Dispose() => _folder.Dispose();
}
