using FollowUps.PostgreSql.Tests.Processes;
using FollowUps.PostgreSql.Tests.Support;

namespace FollowUps.PostgreSql.Tests.Faults;

/// <summary>
/// The store fails in the middle of an inline send: a trigger refuses one move with 57014 (what a
/// <c>statement_timeout</c> raises, so the store does not try it again). What the host is told, what the row holds, and
/// that the message still reaches the provider exactly once: after the claim, where the engine takes the three steps
/// (the list kept apart from the outbox), and in the store's one write of the claim and the start, which then stores
/// nothing.
/// </summary>
public sealed class FailureAfterClaimTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Call_WhoseOneWriteFailsAtTheMoveToSending_ReportsStoreUnavailable_StoresNothing_AndTheNextCallSendsItOnce()
    {
        var name = PostgresServer.NewSchemaName();
        await using var host = await HostAsync(name);
        await RefuseMovesToAsync(name, FollowUpState.Sending);

        var failed = await host.CallAsync("contact-1");
        var afterFailure = await host.Store.FindAsync(FaultHost.SmsKey("contact-1"), CancellationToken.None);
        var history = await host.Store.ReadHistoryAsync(FaultHost.SmsKey("contact-1"), CancellationToken.None);
        await AllowMovesAsync(name);
        var repeated = await host.CallAsync("contact-1");

        failed.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Failed, Reason = OutcomeReason.StoreUnavailable });
        afterFailure.Should().BeNull("the claim and the move are one transaction: the refused move takes the claim with it");
        history.Should().BeEmpty();
        repeated.Sms.Status.Should().Be(OutcomeStatus.Sent, "nothing holds the follow-up, so the call submitted again sends it");
        host.Sent.Messages.Select(message => message.Key.ContactId).Should().Equal(["contact-0", "contact-1"], "sent once");
    }

    [Fact]
    public async Task Call_WhoseMoveToSendingFails_ReportsStoreUnavailable_StaysClaimedUnderItsLease_AndTheDispatcherSendsItOnce()
    {
        var name = PostgresServer.NewSchemaName();
        await using var host = await HostAsync(name, listElsewhere: true);
        await RefuseMovesToAsync(name, FollowUpState.Sending);

        var failed = await host.CallAsync("contact-1");
        await AllowMovesAsync(name);
        var repeated = await host.CallAsync("contact-1");

        failed.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Failed, Reason = OutcomeReason.StoreUnavailable });
        var held = await host.Store.FindAsync(FaultHost.SmsKey("contact-1"), CancellationToken.None);
        held.Should().NotBeNull("the claim was written before the move failed: the call's follow-up is in the outbox");
        held!.State.Should().Be(FollowUpState.Claimed);
        held.LeaseOwner.Should().NotBeNull("the failed call still holds it until its lease ends");
        repeated.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.InProgress }, "the call submitted again finds the first call's hold");

        await Eventually.HoldsAsync(async () => await host.Dispatcher.RunOnceAsync() > 0, "the dispatcher leases it once the call's lease ended", Patience);

        (await host.Store.FindAsync(held.Key, CancellationToken.None)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Attempts = 1 });
        host.Sent.Messages.Select(message => message.Key.ContactId).Should().Equal(["contact-0", "contact-1"], "the dispatcher sent it, once");
    }

    [Fact]
    public async Task Call_WhoseMoveToSentFailsAfterTheSend_ReportsSent_AndTheKeptResultIsRecordedOnceTheStoreTakesIt()
    {
        var name = PostgresServer.NewSchemaName();
        await using var host = await HostAsync(name);
        await RefuseMovesToAsync(name, FollowUpState.Sent);

        var report = await host.CallAsync("contact-1");
        var key = FaultHost.SmsKey("contact-1");
        var whileRefused = await host.Store.FindAsync(key, CancellationToken.None);
        await AllowMovesAsync(name);

        report.Sms.Status.Should().Be(OutcomeStatus.Sent, "the provider took the message; the host is told so though the store could not record it");
        whileRefused!.State.Should().Be(FollowUpState.Sending);
        await Eventually.HoldsAsync(
            async () => (await host.Store.FindAsync(key, CancellationToken.None))?.State == FollowUpState.Sent,
            "the engine writes the result it kept once the store takes it", Patience);
        (await host.Store.FindAsync(key, CancellationToken.None))!.Outcome!.ProviderMessageId.Should().Be(report.Sms.ProviderMessageId);
        host.Sent.Messages.Select(message => message.Key.ContactId).Should().Equal(["contact-0", "contact-1"], "nothing is sent twice");
    }

    /// <summary>A host on a schema of its own, leases of 5 s, no retries inside the store; one call sent, so the schema exists.</summary>
    private static async Task<FaultHost> HostAsync(string schema, bool listElsewhere = false)
    {
        var host = new FaultHost(await TestStores.DataSourceAsync(), schema, transientRetries: 0, o => o.LeaseDuration = Lease, listElsewhere);
        (await host.CallAsync("contact-0")).Sms.Status.Should().Be(OutcomeStatus.Sent);
        return host;
    }

    private static Task RefuseMovesToAsync(string schema, FollowUpState state) => ServerSql.ExecuteAsync($"""
        CREATE FUNCTION {schema}.refuse_move() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.state = {(int)state} AND OLD.state <> NEW.state THEN
                RAISE EXCEPTION 'refused by the test' USING ERRCODE = '57014';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER refuse_move BEFORE UPDATE ON {schema}.follow_ups FOR EACH ROW EXECUTE FUNCTION {schema}.refuse_move();
        """);

    private static Task AllowMovesAsync(string schema) => ServerSql.ExecuteAsync($"DROP TRIGGER refuse_move ON {schema}.follow_ups;");
}
