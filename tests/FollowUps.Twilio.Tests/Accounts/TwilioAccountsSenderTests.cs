using System.Text;
using FollowUps.Twilio.Tests.Support;
using Microsoft.Extensions.Options;
using static FollowUps.Twilio.Tests.Support.TwilioAccountsTestHost;

namespace FollowUps.Twilio.Tests.Accounts;

/// <summary>One host sending SMS for two accounts, each with its own Twilio settings and credentials, to the loopback API.</summary>
public sealed class TwilioAccountsSenderTests : IAsyncLifetime
{
    private const string Refused20003 = "{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}";
    private FakeTwilioApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Send_TwoAccounts_EachGoesWithItsOwnCredentialsSenderAccountAndCallbackUrl()
    {
        await using var host = new TwilioAccountsTestHost(_api);

        var a = await host.Sender.SendAsync(Message(A), CancellationToken.None);
        var b = await host.Sender.SendAsync(Message(B), CancellationToken.None);

        a.Status.Should().Be(SendStatus.Sent, a.Error);
        b.Status.Should().Be(SendStatus.Sent, b.Error);
        _api.Received.Should().HaveCount(2);
        var (toA, toB) = (_api.Received[0], _api.Received[1]);
        toA.AccountSid.Should().Be(ASid);
        Basic(toA.Authorization).Should().Be($"{ASid}:{AAuthToken}");
        toA.Form["From"].Should().Be(AFrom);
        toA.Form.Should().NotContainKey("MessagingServiceSid");
        toA.Form["StatusCallback"].Should().StartWith("https://acme.example/twilio/acct-a/status?followup=acct-a/camp-1/");
        toB.AccountSid.Should().Be(BSubaccountSid, "B's messages belong to its subaccount");
        Basic(toB.Authorization).Should().Be($"{BApiKeySid}:{BApiKeySecret}", "B authenticates with the main account's API key");
        toB.Form["MessagingServiceSid"].Should().Be(BService);
        toB.Form.Should().NotContainKey("From");
        toB.Form["StatusCallback"].Should().StartWith("https://acme.example/twilio/acct-b/status?followup=acct-b/camp-1/");
    }

    [Fact]
    public async Task Send_SubaccountWithTheMainAccountsAuthToken_PathNamesTheSubaccountWhileTheMainAccountAuthenticates()
    {
        await using var host = new TwilioAccountsTestHost(_api);
        host.Book.Credentials[B] = new TwilioCredentials { AuthToken = BAuthToken };

        var sent = await host.Sender.SendAsync(Message(B), CancellationToken.None);

        sent.Status.Should().Be(SendStatus.Sent, sent.Error);
        var request = _api.Received.Should().ContainSingle().Subject;
        request.Path.Should().Be($"/2010-04-01/Accounts/{BSubaccountSid}/Messages.json");
        Basic(request.Authorization).Should().Be($"{MainSid}:{BAuthToken}");
    }

    [Fact]
    public async Task Send_AccountWithRegionAndEdge_GoesToThatRegionsAndEdgesHost()
    {
        await using var host = new TwilioAccountsTestHost(_api);
        host.Book.Accounts[A] = host.Book.Accounts[A] with { Region = "ie1", Edge = "dublin" };

        await host.Sender.SendAsync(Message(A), CancellationToken.None);
        await host.Sender.SendAsync(Message(B), CancellationToken.None);

        host.Hosts.Should().Equal("api.dublin.ie1.twilio.com", "api.twilio.com");
        _api.Received.Should().HaveCount(2);
    }

    [Fact]
    public async Task Send_AsCredentialsRefused_OnlyAsSendsAndSearchesCoolDownWhileBsGo()
    {
        await using var host = new TwilioAccountsTestHost(_api);
        _api.AnswerNextWith(401, Refused20003);

        var refused = await host.Sender.SendAsync(Message(A), CancellationToken.None);
        var held = await host.Sender.SendAsync(Message(A, "+14155550124"), CancellationToken.None);
        var other = await host.Sender.SendAsync(Message(B), CancellationToken.None);
        var heldSearch = await host.Reconciler.ReconcileAsync(Unknown(A, host.Time.GetUtcNow()), CancellationToken.None);
        var otherSearch = await host.Reconciler.ReconcileAsync(Unknown(B, host.Time.GetUtcNow()), CancellationToken.None);

        refused.Status.Should().Be(SendStatus.CredentialsRefused);
        refused.Error.Should().Contain($"account {ASid} for account 'acct-a'");
        held.Should().BeEquivalentTo(new { Status = SendStatus.CredentialsRefused, refused.Error, RetryAfter = TimeSpan.FromMinutes(5) });
        other.Status.Should().Be(SendStatus.Sent, "B's credentials were never refused");
        heldSearch.Verdict.Should().Be(ReconciliationVerdict.CannotTell);
        heldSearch.Detail.Should().StartWith("Twilio is not asked");
        otherSearch.Verdict.Should().Be(ReconciliationVerdict.Found);
        _api.Received.Should().HaveCount(2, "A's refused credentials are not tried again within the cool-down");
        _api.Listed.Should().ContainSingle().Which.Should().StartWith($"/2010-04-01/Accounts/{BSubaccountSid}/Messages.json");
    }

    [Fact]
    public async Task Send_AccountInvalidatedDuringItsCoolDown_TriesItsNewCredentialsAtOnce()
    {
        await using var host = new TwilioAccountsTestHost(_api);
        _api.AnswerNextWith(401, Refused20003);
        await host.Sender.SendAsync(Message(A), CancellationToken.None);
        host.Book.Credentials[A] = new TwilioCredentials { AuthToken = "a-fixed-auth-token-0005" };

        await host.AccountCache.InvalidateAccountAsync(A);
        var sent = await host.Sender.SendAsync(Message(A), CancellationToken.None);

        sent.Status.Should().Be(SendStatus.Sent, sent.Error);
        Basic(_api.Received[^1].Authorization).Should().Be($"{ASid}:a-fixed-auth-token-0005");
    }

    [Fact]
    public async Task Send_AccountChanged_UsesTheCachedSettingsUntilInvalidatedOrTheirLifetimeEnds()
    {
        await using var host = new TwilioAccountsTestHost(_api);
        await host.Sender.SendAsync(Message(A), CancellationToken.None);
        host.Book.Accounts[A] = host.Book.Accounts[A] with { FromNumber = "+14155550102" };

        await host.Sender.SendAsync(Message(A), CancellationToken.None);
        await host.AccountCache.InvalidateAccountAsync(A);
        await host.Sender.SendAsync(Message(A), CancellationToken.None);
        host.Book.Accounts[A] = host.Book.Accounts[A] with { FromNumber = "+14155550103" };
        host.Time.Advance(host.Get<IOptions<FollowUpAccountsOptions>>().Value.CacheLifetime - TimeSpan.FromSeconds(1));
        await host.Sender.SendAsync(Message(A), CancellationToken.None);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await host.Sender.SendAsync(Message(A), CancellationToken.None);

        _api.Received.Select(r => r.Form["From"]).Should().Equal(AFrom, AFrom, "+14155550102", "+14155550102", "+14155550103");
        host.Book.AccountReads.Should().Be(3);
    }

    public static TheoryData<string, Action<TwilioAccountBook>, string> NotUsable => new()
    {
        { "unknown account", book => book.Accounts.TryRemove(A, out _), "Account 'acct-a' has no Twilio settings" },
        { "invalid number", book => book.Accounts[A] = book.Accounts[A] with { FromNumber = "415-555-0101" }, "The Twilio settings of account 'acct-a' are invalid, so nothing was sent: FromNumber must be a number in E.164" },
        { "invalid subaccount", book => book.Accounts[A] = book.Accounts[A] with { PathAccountSid = "AC12" }, "PathAccountSid must be AC followed by 32 hexadecimal digits" },
        { "invalid region", book => book.Accounts[A] = book.Accounts[A] with { Region = "ie1.evil.example/" }, "Region must be a Twilio region name in lower case" },
        { "settings port throws", book => book.AccountsFail = new TimeoutException("source down"), "The Twilio settings of account 'acct-a' could not be read (ITwilioAccounts threw TimeoutException)" },
        { "no credentials", book => book.Credentials.TryRemove(A, out _), "Account 'acct-a' has no Twilio credentials" },
        { "API key without secret", book => book.Credentials[A] = new TwilioCredentials { ApiKeySid = BApiKeySid }, "The Twilio credentials of account 'acct-a' are incomplete, so nothing was sent: ApiKeySid and ApiKeySecret go together" },
        { "credentials port throws", book => book.CredentialsFail = new InvalidOperationException($"vault refused {AAuthToken}"), "The Twilio credentials of account 'acct-a' could not be read (ITwilioCredentials threw InvalidOperationException)" },
    };

    [Theory]
    [MemberData(nameof(NotUsable))]
    public async Task Send_AccountNotUsable_ThrowsSendNotStartedNamingTheAccountAndTheSettingAndSendsNothing(string because, Action<TwilioAccountBook> spoil, string expected)
    {
        await using var host = new TwilioAccountsTestHost(_api);
        spoil(host.Book);

        var send = () => host.Sender.SendAsync(Message(A), CancellationToken.None);

        var thrown = await send.Should().ThrowAsync<SendNotStartedException>(because);
        thrown.Which.Message.Should().Contain(expected, because);
        thrown.Which.ToString().Should().NotContain(AAuthToken, because);
        _api.Received.Should().BeEmpty(because);
    }

    [Fact]
    public async Task Register_ManyAccounts_NeedsNoSingleAccountSettings()
    {
        await using var host = new TwilioAccountsTestHost(_api);

        var read = () => host.Get<IOptions<TwilioSmsOptions>>().Value;

        read.Should().NotThrow("each account's SID, sender and credentials come from the host's ports");
    }

    /// <summary>The user and password of a Basic <c>Authorization</c> header.</summary>
    private static string Basic(string authorization)
    {
        authorization.Should().StartWith("Basic ");
        return Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]));
    }

    /// <summary>An unknown SMS follow-up of <paramref name="accountId"/> whose attempt began a minute ago.</summary>
    private FollowUpRecord Unknown(string accountId, DateTimeOffset now)
    {
        var sms = Message(accountId) with { Attempt = 1 };
        if (accountId == B)
        {
            _api.Seed(new FakeMessage("SM" + new string('b', 32), sms.To, null, sms.Body, now.AddSeconds(-30)) { AccountSid = BSubaccountSid, MessagingServiceSid = BService });
        }

        return TwilioTestHost.Unknown(sms, now.AddMinutes(-1), now.AddMinutes(-1));
    }
}
