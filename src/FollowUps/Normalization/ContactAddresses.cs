namespace FollowUps.Normalization;

/// <summary>A contact's phone and email addresses, normalised once per call.</summary>
internal sealed record ContactAddresses(Checked Phone, Checked EmailOnFile, Checked CapturedEmail)
{
    public static ContactAddresses Of(CallCompleted call, string defaultRegion) => new(
        PhoneNormalizer.Normalize(call.Contact?.Phone, defaultRegion),
        EmailNormalizer.Normalize(call.Contact?.Email),
        EmailNormalizer.Normalize(call.CapturedEmail));

    /// <summary>The identifiers a do-not-contact entry may match: contact id and every usable address.</summary>
    public IReadOnlyCollection<SuppressionTarget> SuppressionTargets(string contactId)
    {
        var targets = new List<SuppressionTarget>(4) { new(SuppressionTargetKind.ContactId, contactId) };
        if (Phone.IsUsable)
        {
            targets.Add(new(SuppressionTargetKind.Phone, Phone.Value!));
        }

        foreach (var email in (ReadOnlySpan<Checked>)[EmailOnFile, CapturedEmail])
        {
            if (email.IsUsable)
            {
                targets.Add(new(SuppressionTargetKind.Email, email.Value!));
            }
        }

        return targets;
    }
}
