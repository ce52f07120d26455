using CsCheck;
using FollowUps.Internal;

namespace FollowUps.Tests.Records;

/// <summary>
/// <c>ToString()</c> of the records that carry a contact's data ends up in logs and exception messages, so it masks phones
/// and emails as the logs do, shows a first name as its initial, and shows what the contact said and the message texts only
/// as their length.
/// </summary>
public sealed class PersonalDataToStringTests
{
    private const string Rare = "jkqvwxz";

    private static readonly Gen<string> Phone = Gen.Select(Gen.Int[200, 999], Gen.Int[200, 999], Gen.Int[0, 9999], Gen.Int[0, 3])
        .Select((area, exchange, line, notation) => notation switch
        {
            0 => $"+1{area}{exchange}{line:D4}",
            1 => $"({area}) {exchange}-{line:D4}",
            2 => $"{area}.{exchange}.{line:D4}",
            _ => $"+1 {area} {exchange} {line:D4}",
        });

    private static readonly Gen<string> Email = Gen.Select(Gen.Char[Rare].Array[3, 12], Gen.OneOf<string>("example.com", "work.example", "mail.example.org"))
        .Select((local, domain) => $"{new string(local)}@{domain}");

    private static readonly Gen<string> FirstName = Gen.Char[Rare].Array[4, 10]
        .Select(letters => char.ToUpperInvariant(letters[0]) + new string(letters, 1, letters.Length - 1));

    private static readonly Gen<Contact> Contacts = Gen.Select(Phone, Email, FirstName)
        .Select((phone, email, name) => new Contact { Id = "p-1", Phone = phone, Email = email, FirstName = name });

    [Fact]
    public void SuppressionEntry_ToString_MasksItsPhoneOrEmailButNotAContactId()
    {
        SuppressionEntry Entry(SuppressionTargetKind kind, string value) => new()
        {
            AccountId = "acme", Target = new(kind, value), Reason = SuppressionReason.DoNotContactList, CreatedAt = DateTimeOffset.UnixEpoch,
        };

        Entry(SuppressionTargetKind.Phone, "+14155552671").ToString().Should().Contain("Target = Phone +1******2671").And.NotContain("5552671");
        Entry(SuppressionTargetKind.Email, "ann.lee@example.com").ToString().Should().Contain("Target = Email a***@example.com").And.NotContain("ann.lee");
        Entry(SuppressionTargetKind.ContactId, "p-1001").ToString().Should().Contain("Target = ContactId p-1001");
    }

    [Fact]
    public void Contact_ToString_MasksPhoneEmailAndName()
    {
        var contact = new Contact { Id = "p-1", Phone = "(415) 555-2671", Email = "ann.lee@example.com", FirstName = "Ann" };

        contact.ToString().Should().Be("Contact { Id = p-1, Phone = (4********2671, Email = a***@example.com, FirstName = A*** }");
    }

    [Fact]
    public void FollowUpReport_ToString_ListsEachOutcomeWithItsMaskedRecipient()
    {
        var report = new FollowUpReport
        {
            CallId = "call-1",
            ContactId = "p-1",
            Sms = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Sent, Reason = OutcomeReason.None, Recipient = "+14155552671", Text = "Hi Ann" },
            Email = new FollowUpOutcome { Kind = FollowUpKind.Email, Status = OutcomeStatus.Skipped, Reason = OutcomeReason.AlreadySent, Recipient = "ann@example.com" },
            MissedCallEmail = FollowUpOutcome.Skipped(FollowUpKind.MissedCallEmail, OutcomeReason.CallNotMissed),
        };

        report.ToString().Should().Be(
            "FollowUpReport { CallId = call-1, ContactId = p-1, Outcomes = [Sms Sent to +1******2671, Email Skipped AlreadySent to a***@example.com, MissedCallEmail Skipped CallNotMissed] }");
    }

    [Fact]
    public void AnyContact_EveryRecordToString_ShowsOnlyMaskedPhoneEmailAndName()
    {
        Gen.Select(Contacts, Email, Phone).Sample((contact, captured, e164) =>
        {
            var name = contact.FirstName!;
            var said = $"I'm {name}, text {contact.Phone} or mail {contact.Email}";
            var call = new CallCompleted
            {
                AccountId = "acme",
                CampaignId = "recall",
                CallId = "call-1",
                Contact = contact,
                Status = CallStatus.Answered,
                Transcript = [new TranscriptTurn { Speaker = Speaker.Contact, Text = said }],
                Consent = new CallConsent { Sms = ChannelConsent.Granted(0, said), Email = ChannelConsent.Granted(0, captured) },
                CapturedEmail = captured,
                Summary = said,
            };
            var key = new FollowUpKey("acme", "recall", "p-1", FollowUpKind.Sms);
            var sms = new SmsMessage { Key = key, To = e164, Body = $"Hi {name}, {said}", Template = SmsTemplateKind.MeetingRequest };
            var email = new EmailMessage
            {
                Key = key with { Kind = FollowUpKind.Email },
                To = captured,
                FromName = "Dana at Acme Dental",
                Subject = $"{name}, your cleaning",
                TextBody = said,
                HtmlBody = $"<p>{said}</p>",
                UnsubscribeUrl = $"https://acme.example/unsubscribe?token={Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(captured))}&to={captured}",
            };
            var sent = new FollowUpOutcome
            {
                Kind = FollowUpKind.Email,
                Status = OutcomeStatus.Failed,
                Reason = OutcomeReason.PermanentFailure,
                Detail = $"550 <{captured}>: recipient rejected",
                Recipient = captured,
                Subject = email.Subject,
                Text = said,
            };
            var texted = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Sent, Reason = OutcomeReason.None, Recipient = e164, Text = sms.Body, Detail = $"The 'To' number {e164} is fine." };
            var report = new FollowUpReport { CallId = "call-1", ContactId = "p-1", Sms = texted, Email = sent, MissedCallEmail = FollowUpOutcome.Skipped(FollowUpKind.MissedCallEmail, OutcomeReason.CallNotMissed) };

            string[] secrets = [contact.Phone!, contact.Email!, captured, e164, name, LocalPart(contact.Email!), LocalPart(captured)];
            foreach (var printed in new object[] { contact, call, call.Transcript[0], call.Consent, sms, email, sent, texted, report }.Select(r => r.ToString()!))
            {
                printed.Should().NotContainAny(secrets);
            }

            contact.ToString().Should().Contain(Redact.Recipient(contact.Phone)).And.Contain(Redact.Recipient(contact.Email)).And.Contain($"{name[0]}***");
            call.ToString().Should().Contain(contact.ToString()).And.Contain(Redact.Recipient(captured));
            sms.ToString().Should().Contain(Redact.Recipient(e164));
            email.ToString().Should().Contain(Redact.Recipient(captured));
            sent.ToString().Should().Contain(Redact.Recipient(captured));
            report.ToString().Should().Contain(Redact.Recipient(e164)).And.Contain(Redact.Recipient(captured));
        }, iter: 500);
    }

    private static string LocalPart(string email) => email[..email.IndexOf('@', StringComparison.Ordinal)];
}
