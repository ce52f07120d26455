namespace FollowUps.Normalization;

/// <summary>A contact's phone and email addresses, normalised once per call.</summary>
internal sealed record ContactAddresses(Checked Phone, Checked EmailOnFile, Checked CapturedEmail)
{
    public static ContactAddresses Of(CallCompleted call, string defaultRegion) => new(
        PhoneNormalizer.Normalize(call.Contact?.Phone, defaultRegion),
        EmailNormalizer.Normalize(call.Contact?.Email),
        EmailNormalizer.Normalize(call.CapturedEmail));

    /// <summary>
    /// The identifiers a do-not-contact entry may match: the contact id and every address that could be read, usable or
    /// not (a phone number that parses but is not valid is still looked up). A value that cannot be read at all is no
    /// identifier: the list holds only values this same normalisation reads, so it cannot hold that one.
    /// </summary>
    public IReadOnlyCollection<SuppressionTarget> SuppressionTargets(string contactId)
    {
        var targets = new List<SuppressionTarget>(4) { new(SuppressionTargetKind.ContactId, contactId) };
        if (Phone.Value is { } phone)
        {
            targets.Add(new(SuppressionTargetKind.Phone, phone));
        }

        foreach (var email in (ReadOnlySpan<Checked>)[EmailOnFile, CapturedEmail])
        {
            if (email.Value is { } address)
            {
                targets.Add(new(SuppressionTargetKind.Email, address));
            }
        }

        return targets;
    }
}
