using System.Web;
using FollowUps.Smtp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace FollowUps.Smtp.Tests;

/// <summary>
/// A call through the engine, registered as a host would, to a real SMTP server on loopback: the campaign's Markdown
/// arrives as both parts, the unsubscribe link as RFC 8058 headers, and following it stops the next email.
/// </summary>
public sealed class EngineEndToEndTests
{
    private static readonly CampaignFollowUpSettings Campaign = new()
    {
        Email = new EmailFollowUpSettings
        {
            Enabled = true,
            AskForEmail = true,
            FromName = "Zoë at Acme Dental",
            Subject = "{{ first_name }}, your visit at {{ brand }}",
            Body = "Hi {{ first_name }},\n\nThanks for talking with **{{ sender_name }}**:\n\n- bring your card\n- [see the map](https://acme.example/map)\n\nBook: {{ meeting_link }}",
            MeetingLink = "https://cal.example.com/acme",
        },
        MissedCallEmail = new MissedCallEmailSettings { Enabled = true, Subject = "Sorry we missed you", Body = "We tried to reach you, {{ first_name }}." },
    };

    [Fact]
    public async Task HandleCallCompleted_EmailFollowUp_ArrivesWithBothPartsAndOneClickUnsubscribeThatStopsTheNextEmail()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddFollowUps(o =>
            {
                (o.BrandName, o.DefaultSenderName, o.DefaultMeetingLink) = ("Acme Dental", "Dana", "https://cal.example.com/acme");
                (o.PostalAddress, o.UnsubscribeUrl, o.UnsubscribeSigningKey) = ("Acme Dental\n12 Main St", "https://acme.example/unsubscribe", "end-to-end-signing-key-0123456789abcdef");
            })
            .AddSmtpEmail(o => (o.Host, o.Port, o.Security, o.FromAddress) = ("127.0.0.1", server.Port, SmtpSecurity.None, Senders.FromAddress));
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<IFollowUpEngine>();

        var report = await engine.HandleCallCompletedAsync(Call(CallStatus.Answered, "call-1"), Campaign);

        report.Email.IsSent.Should().BeTrue(report.Email.Detail);
        var received = server.Received.Should().ContainSingle().Subject.Message;
        received.From.Mailboxes.Single().Name.Should().Be("Zoë at Acme Dental");
        received.Subject.Should().Be("Ann, your visit at Acme Dental");
        received.Body.Should().BeOfType<MultipartAlternative>();
        received.TextBody!.ReplaceLineEndings("\n").Should().Be(report.Email.Text);
        received.TextBody.Should().Contain("Thanks for talking with Dana:").And.Contain("- see the map (https://acme.example/map)").And.Contain("Book: https://cal.example.com/acme");
        received.HtmlBody.Should().Contain("<strong>Dana</strong>").And.Contain("<a href=\"https://acme.example/map\">see the map</a>").And.Contain(">Unsubscribe</a>");
        var unsubscribe = received.Headers[HeaderId.ListUnsubscribe];
        unsubscribe.Should().StartWith("<https://acme.example/unsubscribe?token=").And.EndWith(">");
        received.Headers["List-Unsubscribe-Post"].Should().Be("List-Unsubscribe=One-Click");

        var token = HttpUtility.ParseQueryString(new Uri(unsubscribe.Trim('<', '>')).Query)["token"]!;
        var entry = await provider.GetRequiredService<ISuppressionList>().UnsubscribeAsync(token);
        var later = await engine.HandleCallCompletedAsync(Call(CallStatus.NoAnswer, "call-2") with { CampaignId = "campaign-2" }, Campaign);

        entry!.Target.Should().Be(new SuppressionTarget(SuppressionTargetKind.Email, "ann.lee@example.com"));
        later.MissedCallEmail.Reason.Should().Be(OutcomeReason.Suppressed);
        server.Received.Should().ContainSingle("the unsubscribed address got nothing more");
    }

    [Fact]
    public async Task HandleCallCompleted_ContactWithInternationalisedDomain_EmailArrivesAtItsXnAddress()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(new LoopbackSmtpServerOptions { AdvertiseSmtpUtf8 = false });
        var services = new ServiceCollection().AddLogging();
        services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName, o.DefaultMeetingLink) = ("Acme Dental", "Dana", "https://cal.example.com/acme"))
            .AddSmtpEmail(o => (o.Host, o.Port, o.Security, o.FromAddress) = ("127.0.0.1", server.Port, SmtpSecurity.None, Senders.FromAddress));
        await using var provider = services.BuildServiceProvider();
        var call = Call(CallStatus.Answered, "call-1");

        var report = await provider.GetRequiredService<IFollowUpEngine>().HandleCallCompletedAsync(
            call with { Contact = call.Contact with { Email = "Ida@Bücher.example" } }, Campaign);

        report.Email.IsSent.Should().BeTrue(report.Email.Detail);
        server.Received.Should().ContainSingle().Which.EnvelopeTo.Should().Equal("ida@xn--bcher-kva.example");
    }

    private static CallCompleted Call(CallStatus status, string callId) => new()
    {
        AccountId = "account-1",
        CampaignId = "campaign-1",
        CallId = callId,
        Contact = new Contact { Id = "contact-1", Phone = "(415) 555-0123", Email = "Ann.Lee@Example.com", FirstName = "Ann" },
        Status = status,
        Transcript = status == CallStatus.Answered
            ? [new TranscriptTurn { Speaker = Speaker.Agent, Text = "May I email you a recap?" }, new TranscriptTurn { Speaker = Speaker.Contact, Text = "Yes, email is fine." }]
            : [],
        Consent = status == CallStatus.Answered
            ? new CallConsent { Email = ChannelConsent.Granted(1, "email is fine", TimeSpan.FromSeconds(12)) }
            : CallConsent.NotAsked,
    };
}
