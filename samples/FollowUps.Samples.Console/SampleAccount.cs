namespace FollowUps.Samples;

/// <summary>The sample's account defaults, for the replay and the load mode; a real host binds them from configuration.</summary>
internal static class SampleAccount
{
    public static void Configure(FollowUpOptions options)
    {
        options.BrandName = "Acme Dental";
        options.DefaultSenderName = "Dana";
        options.DefaultMeetingLink = "https://cal.example.com/acme-dental";
        options.DefaultRegion = "US";
        options.PostalAddress = "Acme Dental\n100 Market Street\nSan Francisco, CA 94105";
        options.UnsubscribeUrl = "https://acme-dental.example/unsubscribe";
        options.UnsubscribeSigningKey = "sample-only-key-a-real-host-keeps-in-a-secret-store";
    }
}
