namespace FollowUps.Tests.Records;

/// <summary>The outbox record keeps its key's kind, its state and its wait reason in a byte each.</summary>
public sealed class FollowUpRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Built_WithEveryDefinedValue_ReadsEachBack()
    {
        foreach (var state in Enum.GetValues<FollowUpState>())
        {
            foreach (var kind in Enum.GetValues<FollowUpKind>())
            {
                var record = Record(state, kind) with { WaitReason = WaitReason.CredentialsCoolDown };

                (record.State, record.Key.Kind, record.WaitReason).Should().Be((state, kind, WaitReason.CredentialsCoolDown));
            }
        }
    }

    /// <summary>
    /// A value no enum member has, too large for the byte it is kept in (a host's own store casting a number it read),
    /// is refused with an error that names the property, not an arithmetic overflow.
    /// </summary>
    [Fact]
    public void Built_WithAStateOutOfRange_IsRefusedNamingTheProperty()
    {
        var build = () => Record((FollowUpState)300, FollowUpKind.Sms);

        build.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(nameof(FollowUpRecord.State));
    }

    private static FollowUpRecord Record(FollowUpState state, FollowUpKind kind) => new()
    {
        Key = new("acct", "camp", "contact", kind),
        CallId = "call-1",
        Targets = [],
        State = state,
        ClaimedAt = Now,
        Deadline = Now.AddDays(1),
    };
}
