namespace FollowUps.Accounts.Tests.Support;

/// <summary>The two customers' brands and footers, as their account settings hold them.</summary>
internal static class Brands
{
    public const string Acme = "Acme Dental";
    public const string Bright = "Bright Smiles";
    public const string AcmeAddress = "Acme Dental\n100 Market Street\nSan Francisco, CA 94105";
    public const string BrightAddress = "Bright Smiles\n9 Harbour Road\nBoston, MA 02110";
    public const string AcmeUnsubscribe = "https://acme-dental.example/unsubscribe";
    public const string BrightUnsubscribe = "https://bright-smiles.example/unsubscribe";

    public static FollowUpOptions AcmeSettings() => new()
    {
        BrandName = Acme,
        DefaultSenderName = "Dana",
        DefaultMeetingLink = "https://cal.example.com/acme-dental",
        PostalAddress = AcmeAddress,
        UnsubscribeUrl = AcmeUnsubscribe,
    };

    public static FollowUpOptions BrightSettings() => new()
    {
        BrandName = Bright,
        DefaultSenderName = "Ben",
        DefaultMeetingLink = "https://cal.example.com/bright-smiles",
        PostalAddress = BrightAddress,
        UnsubscribeUrl = BrightUnsubscribe,
    };

    /// <summary>What marks a message as <paramref name="accountId"/>'s: its brand, street and unsubscribe page.</summary>
    public static IReadOnlyList<string> MarksOf(string accountId) => accountId == AccountsHost.A
        ? [Acme, "100 Market Street", AcmeUnsubscribe]
        : [Bright, "9 Harbour Road", BrightUnsubscribe];
}
