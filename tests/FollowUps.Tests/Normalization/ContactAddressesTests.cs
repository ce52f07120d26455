using FollowUps.Normalization;
using FollowUps.Tests.Rules;

namespace FollowUps.Tests.Normalization;

public sealed class ContactAddressesTests
{
    [Fact]
    public void Of_Call_NormalisesThePhoneTheEmailOnFileAndTheCapturedEmail()
    {
        var addresses = ContactAddresses.Of(Calls.Answered, "US");

        (addresses.Phone, addresses.EmailOnFile, addresses.CapturedEmail).Should().Be(
            (Checked.Ok(Calls.PhoneE164), Checked.Ok(Calls.EmailOnFile), Checked.Ok(Calls.CapturedEmail)));
    }

    [Fact]
    public void Of_CallWithoutAContact_ReportsEveryAddressMissing()
    {
        var addresses = ContactAddresses.Of(Calls.Answered with { Contact = null!, CapturedEmail = null }, "US");

        addresses.Phone.Problem.Should().Be(OutcomeReason.NoPhoneNumber);
        addresses.EmailOnFile.Problem.Should().Be(OutcomeReason.NoEmailAddress);
        addresses.CapturedEmail.Problem.Should().Be(OutcomeReason.NoEmailAddress);
    }

    [Fact]
    public void Of_NumberWithoutCountryCode_IsReadInTheGivenRegion()
    {
        var call = Calls.Answered.WithContact(c => c with { Phone = "020 7946 0958" });

        ContactAddresses.Of(call, "GB").Phone.Value.Should().Be("+442079460958");
        ContactAddresses.Of(call, "US").Phone.Problem.Should().Be(OutcomeReason.InvalidPhoneNumber);
    }

    [Fact]
    public void SuppressionTargets_EveryUsableAddress_IsATargetBesideTheContactId()
    {
        var targets = ContactAddresses.Of(Calls.Answered, "US").SuppressionTargets("contact-ann");

        targets.Should().Equal(
            new SuppressionTarget(SuppressionTargetKind.ContactId, "contact-ann"),
            new SuppressionTarget(SuppressionTargetKind.Phone, Calls.PhoneE164),
            new SuppressionTarget(SuppressionTargetKind.Email, Calls.EmailOnFile),
            new SuppressionTarget(SuppressionTargetKind.Email, Calls.CapturedEmail));
    }

    [Fact]
    public void SuppressionTargets_UnusableAddresses_AreLeftOut()
    {
        var call = Calls.Answered.WithContact(c => c with { Phone = "not a number", Email = null }) with { CapturedEmail = "ann@" };

        var targets = ContactAddresses.Of(call, "US").SuppressionTargets("contact-ann");

        targets.Should().Equal(new SuppressionTarget(SuppressionTargetKind.ContactId, "contact-ann"));
    }

    [Fact]
    public void SuppressionTargets_FieldsThatAreNotOneAddress_AreSearchedForAddresses()
    {
        var call = Calls.Answered.WithContact(c => c with { Phone = "+1 415 555 2671 (mobile)", Email = "Ann <ann.lee@example.com>" }) with { CapturedEmail = "mailto:ann@work.example" };

        var addresses = ContactAddresses.Of(call, "US");

        (addresses.Phone.IsUsable, addresses.EmailOnFile.IsUsable, addresses.CapturedEmail.IsUsable).Should().Be((false, false, false), "nothing is sent to such a field");
        addresses.SuppressionTargets("contact-ann").Should().Equal(
            new SuppressionTarget(SuppressionTargetKind.ContactId, "contact-ann"),
            new SuppressionTarget(SuppressionTargetKind.Phone, "+14155552671"),
            new SuppressionTarget(SuppressionTargetKind.Email, "ann.lee@example.com"),
            new SuppressionTarget(SuppressionTargetKind.Email, "ann@work.example"));
    }
}
