using System.Text.Json;

namespace FollowUps.Tests.Json;

/// <summary>A call event arriving as JSON (a webhook body) reads with <see cref="FollowUpsJson"/>, or is refused with a message naming what is wrong.</summary>
public sealed class CallCompletedJsonTests
{
    private const string MinimalCall = """
        {
          "accountId": "acme", "campaignId": "recall", "callId": "call-1",
          "contact": { "id": "p-1", "phone": "(415) 555-0134" },
          "status": "Answered", "startedAt": "2026-03-02T09:02:11-08:00", "endedAt": "2026-03-02T09:03:40-08:00"
        }
        """;

    [Fact]
    public void SampleCallsJson_EveryCallReads()
    {
        using var file = JsonDocument.Parse(RepositoryFiles.SampleCalls, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });

        var calls = file.RootElement.GetProperty("calls").EnumerateArray().Select(c => c.Deserialize(FollowUpsJson.CallCompleted)!).ToList();

        calls.Should().HaveCount(20);
        calls[0].Status.Should().Be(CallStatus.Answered);
        calls[0].StartedAt.Should().Be(new DateTimeOffset(2026, 3, 2, 9, 2, 11, TimeSpan.FromHours(-8)));
        calls[0].Transcript.Should().HaveCount(7).And.Subject.First().Speaker.Should().Be(Speaker.Agent);
        calls[0].Consent.Sms.Status.Should().Be(ConsentStatus.Granted);
        calls[0].Consent.Sms.Evidence!.TurnIndex.Should().Be(3);
        calls.Select(c => c.Status).Should().Contain([CallStatus.Voicemail, CallStatus.NoAnswer, CallStatus.Busy, CallStatus.Failed, CallStatus.Missed]);
    }

    [Theory]
    [InlineData("Answered")]
    [InlineData("answered")]
    [InlineData("ANSWERED")]
    public void Status_AnyCase_Reads(string status)
    {
        var call = Read(MinimalCall.Replace("\"Answered\"", $"\"{status}\"", StringComparison.Ordinal));

        call.Status.Should().Be(CallStatus.Answered);
    }

    [Theory]
    [InlineData("\"answerd\"")]
    [InlineData("\"\"")]
    [InlineData("0")]
    [InlineData("4")]
    [InlineData("\"0\"")]
    [InlineData("\"Answered, Missed\"")]
    public void Status_UnknownNameOrNumber_IsRefusedWithTheNamesAndPath(string status)
    {
        var read = () => Read(MinimalCall.Replace("\"Answered\"", status, StringComparison.Ordinal));

        var refused = read.Should().Throw<JsonException>().Which;
        refused.Message.Should().Contain("is not a CallStatus; expected one of Answered, Missed, Busy, NoAnswer, Voicemail, Failed (in any case).");
        refused.Path.Should().Be("$.status");
    }

    [Fact]
    public void Status_UnknownName_IsShownInTheMessage()
    {
        var read = () => Read(MinimalCall.Replace("\"Answered\"", "\"answerd\"", StringComparison.Ordinal));

        read.Should().Throw<JsonException>().WithMessage("\"answerd\" is not a CallStatus;*");
    }

    [Theory]
    [InlineData("startedAt")]
    [InlineData("endedAt")]
    [InlineData("status")]
    [InlineData("callId")]
    [InlineData("contact")]
    public void RequiredProperty_Missing_IsRefusedNamingIt(string name)
    {
        using var document = JsonDocument.Parse(MinimalCall);
        var without = document.RootElement.EnumerateObject().Where(p => p.Name != name).ToDictionary(p => p.Name, p => p.Value);

        var read = () => Read(JsonSerializer.Serialize(without));

        read.Should().Throw<JsonException>().Which.Message.Should().Contain($"'{name}'");
    }

    [Theory]
    [InlineData("9.5", 9_500)]
    [InlineData("9", 9_000)]
    [InlineData("0", 0)]
    [InlineData("0.25", 250)]
    [InlineData("1e1", 10_000)]
    [InlineData("\"00:00:09.5\"", 9_500)]
    [InlineData("\"00:01:02\"", 62_000)]
    public void TranscriptOffset_SecondsOrTimeSpan_Reads(string offset, int milliseconds)
    {
        var call = Read(WithTranscriptOffset(offset));

        call.Transcript.Single().Offset.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
        call.Consent.Sms.Evidence!.Offset.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("\"-00:00:01\"")]
    [InlineData("\"9.5\"")]
    [InlineData("\"soon\"")]
    [InlineData("true")]
    [InlineData("1e300")]
    public void TranscriptOffset_NegativeOrNotATime_IsRefusedNamingPath(string offset)
    {
        var read = () => Read(WithTranscriptOffset(offset));

        read.Should().Throw<JsonException>().Which.Path.Should().Be("$.transcript[0].offset");
    }

    [Fact]
    public void TranscriptOffset_IsWrittenAsSeconds()
    {
        var call = Read(WithTranscriptOffset("0")) with
        {
            Transcript = [new TranscriptTurn { Speaker = Speaker.Contact, Text = "Sure", Offset = new TimeSpan(0, 1, 2, 3, 456) + TimeSpan.FromTicks(7) }],
        };

        var json = JsonSerializer.Serialize(call, FollowUpsJson.CallCompleted);

        json.Should().Contain("\"offset\":3723.4560007");
    }

    [Fact]
    public void Call_RoundTrips()
    {
        var call = Read(WithTranscriptOffset("9.5")) with
        {
            CapturedEmail = "ann@example.com",
            Summary = "Booked a cleaning.",
            Appointment = new Appointment { StartsAt = new DateTimeOffset(2026, 3, 10, 15, 30, 0, TimeSpan.FromHours(-7)), TimeZone = "America/Los_Angeles", Location = "Market St" },
        };

        var json = JsonSerializer.Serialize(call, FollowUpsJson.CallCompleted);
        var back = JsonSerializer.Deserialize(json, FollowUpsJson.CallCompleted);

        back.Should().BeEquivalentTo(call);
        json.Should().Contain("\"status\":\"Answered\"").And.Contain("\"speaker\":\"Contact\"").And.Contain("\"status\":\"Granted\"");
    }

    [Theory]
    [InlineData("\"consent\": null")]
    [InlineData("\"consent\": { \"sms\": null, \"email\": null }")]
    public void Consent_Null_ReadsAsNotAsked(string consent)
    {
        var call = Read(MinimalCall.Replace("\"status\"", $"{consent}, \"status\"", StringComparison.Ordinal));

        call.Consent.Sms.Should().Be(ChannelConsent.NotAsked);
        call.Consent.Email.Should().Be(ChannelConsent.NotAsked);
    }

    [Fact]
    public void ContactId_Null_ReadsAsGiven_SoTheEngineSkipsItAsInvalidCall()
    {
        var call = Read(MinimalCall.Replace("\"id\": \"p-1\"", "\"id\": null", StringComparison.Ordinal));

        call.Contact.Id.Should().BeNull();
    }

    [Fact]
    public void ReadmePayloadExample_Reads()
    {
        var readme = RepositoryFiles.Readme;
        var section = readme[readme.IndexOf("### The call event as JSON", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var example = section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)];

        var call = Read(example);

        call.Status.Should().Be(CallStatus.Answered);
        call.Transcript.Select(t => t.Offset).Should().Equal(TimeSpan.FromSeconds(3.2), TimeSpan.FromSeconds(9.5));
        call.Consent.Sms.Evidence!.Offset.Should().Be(TimeSpan.FromSeconds(9.5));
        call.Consent.Email.Status.Should().Be(ConsentStatus.NotAsked);
        call.Appointment!.TimeZone.Should().Be("America/Los_Angeles");
    }

    [Fact]
    public void ReadmeRefusalMessage_IsTheOneGiven()
    {
        var read = () => Read(MinimalCall.Replace("\"Answered\"", "\"answerd\"", StringComparison.Ordinal));

        var message = read.Should().Throw<JsonException>().Which.Message;
        System.Text.RegularExpressions.Regex.Replace(RepositoryFiles.Readme, @"\s+", " ").Contains($"`{message}`", StringComparison.Ordinal)
            .Should().BeTrue("the README quotes the message: {0}", message);
    }

    private static CallCompleted Read(string json) => JsonSerializer.Deserialize(json, FollowUpsJson.CallCompleted)!;

    private static string WithTranscriptOffset(string offset) => MinimalCall.Replace(
        "\"status\": \"Answered\"",
        $$"""
        "transcript": [ { "speaker": "contact", "text": "Sure, text me.", "offset": {{offset}} } ],
        "consent": { "sms": { "status": "granted", "evidence": { "turnIndex": 0, "quote": "text me", "offset": {{offset}} } } },
        "status": "Answered"
        """,
        StringComparison.Ordinal);
}
