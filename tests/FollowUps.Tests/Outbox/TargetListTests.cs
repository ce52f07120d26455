using FollowUps.Outbox;

namespace FollowUps.Tests.Outbox;

/// <summary>The list of do-not-contact targets a call's follow-ups share: its array is larger than what it holds.</summary>
public sealed class TargetListTests
{
    [Fact]
    public void Filled_ReadsOnlyWhatWasAdded_NotTheRoomLeftInItsArray()
    {
        var list = new TargetList();
        list.Add(new(SuppressionTargetKind.ContactId, "contact-1"));
        list.Add(new(SuppressionTargetKind.Phone, "+14155552671"));
        list.Add(new(SuppressionTargetKind.Email, "maria@example.com"));

        list.Should().Equal(
            new SuppressionTarget(SuppressionTargetKind.ContactId, "contact-1"),
            new SuppressionTarget(SuppressionTargetKind.Phone, "+14155552671"),
            new SuppressionTarget(SuppressionTargetKind.Email, "maria@example.com"));
        list.Invoking(targets => targets[3]).Should().Throw<ArgumentOutOfRangeException>("the array has room for a fourth, but nothing was added there");
        list.Invoking(targets => targets[-1]).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Filled_PastItsFirstRoom_KeepsEveryTargetInOrder()
    {
        var list = new TargetList();
        var targets = Enumerable.Range(0, 9).Select(i => new SuppressionTarget(SuppressionTargetKind.Email, $"a{i}@example.com")).ToList();
        targets.ForEach(list.Add);

        list.Should().Equal(targets);
        list[8].Should().Be(targets[8]);
    }
}
