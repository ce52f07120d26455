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

        // Phones first, then emails, each email once (ordinal), in the order found: no LINQ on the per-call path.
        var identifiers = new List<SuppressionTarget>(3);
        if (phone.IsUsable)
        {
            identifiers.Add(new(SuppressionTargetKind.Phone, phone.Value!));
        }
        else
        {
            foreach (var number in PhoneNormalizer.NumbersIn(phoneField, defaultRegion))
            {
                identifiers.Add(new(SuppressionTargetKind.Phone, number));
            }
        }

        AddEmails(identifiers, onFile, emailField);
        AddEmails(identifiers, captured, call.CapturedEmail);
        return new(phone, onFile, captured) { Identifiers = identifiers };
    }

    /// <summary>
    /// Every identifier a do-not-contact entry may match: the contact id, then <see cref="Identifiers"/>; the call's
    /// follow-up records keep this list itself.
    /// </summary>
    public IReadOnlyList<SuppressionTarget> SuppressionTargets(string contactId) =>
        new Outbox.TargetList([new SuppressionTarget(SuppressionTargetKind.ContactId, contactId), .. Identifiers]);

    private static void AddEmails(List<SuppressionTarget> identifiers, Checked email, string? field)
    {
        if (email.IsUsable)
        {
            AddEmail(identifiers, email.Value!);
            return;
        }

        foreach (var address in EmailNormalizer.AddressesIn(field))
        {
            AddEmail(identifiers, address);
        }
    }

    private static void AddEmail(List<SuppressionTarget> identifiers, string address)
    {
        foreach (var known in identifiers)
        {
            if (known.Kind == SuppressionTargetKind.Email && string.Equals(known.Value, address, StringComparison.Ordinal))
            {
                return;
            }
        }

        identifiers.Add(new(SuppressionTargetKind.Email, address));
    }
}
