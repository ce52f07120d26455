namespace FollowUps.Normalization;

/// <summary>A contact's phone and email addresses, normalised once per call, and what the do-not-contact list is checked by.</summary>
internal sealed record ContactAddresses(Checked Phone, Checked EmailOnFile, Checked CapturedEmail)
{
    /// <summary>
    /// The phones and emails a do-not-contact entry may match: each field's normalised value, or, for a field that is not
    /// one valid address, every number or address found in it (<c>"+1 415 555 2671 (mobile)"</c>, <c>"Ann &lt;ann@example.com&gt;"</c>).
    /// </summary>
    public IReadOnlyList<SuppressionTarget> Identifiers { get; init; } = [];

    public static ContactAddresses Of(CallCompleted call, string defaultRegion)
    {
        var (phoneField, emailField) = (call.Contact?.Phone, call.Contact?.Email);
        var phone = PhoneNormalizer.Normalize(phoneField, defaultRegion);
        var onFile = EmailNormalizer.Normalize(emailField);
        var captured = EmailNormalizer.Normalize(call.CapturedEmail);

        IEnumerable<string> phones = phone.IsUsable ? [phone.Value!] : PhoneNormalizer.NumbersIn(phoneField, defaultRegion);
        IEnumerable<string> emails = [.. Found(onFile, emailField), .. Found(captured, call.CapturedEmail)];
        return new(phone, onFile, captured)
        {
            Identifiers =
            [
                .. phones.Select(value => new SuppressionTarget(SuppressionTargetKind.Phone, value)),
                .. emails.Distinct(StringComparer.Ordinal).Select(value => new SuppressionTarget(SuppressionTargetKind.Email, value)),
            ],
        };
    }

    /// <summary>Every identifier a do-not-contact entry may match: the contact id, then <see cref="Identifiers"/>.</summary>
    public IReadOnlyCollection<SuppressionTarget> SuppressionTargets(string contactId) =>
        [new SuppressionTarget(SuppressionTargetKind.ContactId, contactId), .. Identifiers];

    private static IEnumerable<string> Found(Checked email, string? field) =>
        email.IsUsable ? [email.Value!] : EmailNormalizer.AddressesIn(field);
}
