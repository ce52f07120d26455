using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FollowUps.Tests.Json;

/// <summary>A report and campaign settings round-trip through <see cref="FollowUpsJson"/>; every enum is written as its name.</summary>
public sealed class FollowUpReportJsonTests
{
    public static FollowUpReport Report { get; } = new()
    {
        CallId = "call-1",
        ContactId = "p-1",
        Sms = new FollowUpOutcome
        {
            Kind = FollowUpKind.Sms,
            Status = OutcomeStatus.Sent,
            Reason = OutcomeReason.None,
            Recipient = "+14155550134",
            Template = SmsTemplateKind.MeetingRequest,
            Text = "Hi Zoë, it's Dana from Acme Dental. Book a time: https://cal.example.com/acme Reply STOP to opt out.",
            SmsMeasure = SmsText.Measure("Hi Zoë, it's Dana from Acme Dental. Book a time: https://cal.example.com/acme Reply STOP to opt out."),
            ProviderMessageId = "SM123",
        },
        Email = FollowUpOutcome.Skipped(FollowUpKind.Email, OutcomeReason.ConsentDeclined, "The contact declined email follow-ups."),
        MissedCallEmail = FollowUpOutcome.Skipped(FollowUpKind.MissedCallEmail, OutcomeReason.CallNotMissed),
    };

    [Fact]
    public void Report_RoundTripsEqual()
    {
        var json = JsonSerializer.Serialize(Report, FollowUpsJson.FollowUpReport);

        JsonSerializer.Deserialize(json, FollowUpsJson.FollowUpReport).Should().Be(Report);
    }

    [Fact]
    public void Report_WritesEachOutcomeOnce()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Report, FollowUpsJson.FollowUpReport));

        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("callId", "contactId", "sms", "email", "missedCallEmail");
        json.RootElement.GetProperty("sms").GetProperty("status").GetString().Should().Be("Sent");
        json.RootElement.GetProperty("sms").GetProperty("smsMeasure").GetProperty("encoding").GetString().Should().Be("Ucs2");
        json.RootElement.GetProperty("email").GetProperty("reason").GetString().Should().Be("ConsentDeclined");
    }

    [Fact]
    public void Report_PlainSerializerWithoutOptions_WritesNamesOnce()
    {
        var json = JsonSerializer.Serialize(Report);

        json.Should().Contain("\"Status\":\"Sent\"").And.Contain("\"Reason\":\"ConsentDeclined\"").And.Contain("\"Kind\":\"MissedCallEmail\"").And.NotContain("\"Outcomes\"");
    }

    [Fact]
    public void CampaignSettings_RoundTripEqual()
    {
        var settings = new CampaignFollowUpSettings
        {
            Sms = new SmsFollowUpSettings { Enabled = true, Template = SmsTemplateKind.OfferPromo, OfferSummary = "20% off whitening", PromoCode = "SMILE20" },
            Email = new EmailFollowUpSettings { Enabled = true, AskForEmail = true, FromName = "Dana", Subject = "Hi", Body = "Thanks" },
            MissedCallEmail = new MissedCallEmailSettings { Enabled = true, Subject = "Sorry", Body = "We missed you" },
        };

        var json = JsonSerializer.Serialize(settings, FollowUpsJson.CampaignFollowUpSettings);

        JsonSerializer.Deserialize(json, FollowUpsJson.CampaignFollowUpSettings).Should().Be(settings);
        json.Should().Contain("\"template\":\"OfferPromo\"");
    }

    public static TheoryData<Type> PublicEnums { get; } = [.. typeof(FollowUpsJson).Assembly.GetExportedTypes().Where(t => t.IsEnum)];

    [Theory]
    [MemberData(nameof(PublicEnums))]
    public void EveryEnumValue_IsWrittenAsItsNameAndReadBack_WithOrWithoutTheOptions(Type enumType)
    {
        enumType.GetCustomAttribute<JsonConverterAttribute>().Should().NotBeNull("{0} is written as names by any serializer", enumType);
        foreach (var value in Enum.GetValues(enumType))
        {
            var name = Enum.GetName(enumType, value)!;

            JsonSerializer.Serialize(value, enumType, FollowUpsJson.Options).Should().Be($"\"{name}\"");
            JsonSerializer.Serialize(value, enumType).Should().Be($"\"{name}\"");
            JsonSerializer.Deserialize($"\"{name}\"", enumType, FollowUpsJson.Options).Should().Be(value);
            JsonSerializer.Deserialize($"\"{name.ToLowerInvariant()}\"", enumType, FollowUpsJson.Options).Should().Be(value);
            var number = () => JsonSerializer.Deserialize(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture), enumType, FollowUpsJson.Options);
            number.Should().Throw<JsonException>("{0} {1} is not accepted as a number", enumType.Name, name);
        }
    }

    [Fact]
    public void Transcript_Null_ReadsAsEmpty()
    {
        const string json = """
            { "accountId": "a", "campaignId": "c", "callId": "1", "contact": { "id": "p" }, "status": "missed",
              "startedAt": "2026-03-02T09:00:00Z", "endedAt": "2026-03-02T09:00:30Z", "transcript": null }
            """;

        JsonSerializer.Deserialize(json, FollowUpsJson.CallCompleted)!.Transcript.Should().BeEmpty();
    }
}
