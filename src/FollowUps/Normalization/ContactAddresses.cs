namespace FollowUps.Normalization;

/// <summary>A contact's phone and email addresses, normalised once per call, and what the do-not-contact list is checked by.</summary>
internal readonly record struct ContactAddresses(Checked Phone, Checked EmailOnFile, Checked CapturedEmail)
{
    /// <summary>
    /// Every identifier a do-not-contact entry may match, built once in the list the call's follow-up records keep: the
    /// call's contact id (when it has one), then the phones and emails, each field's normalised value, or, for a field
    /// that is not one valid address, every number or address found in it (<c>"+1 415 555 2671 (mobile)"</c>,
    /// <c>"Ann &lt;ann@example.com&gt;"</c>).
    /// </summary>
    private Outbox.TargetList Targets { get; init; } = new();

    /// <summary>The contact id <see cref="Targets"/> starts with, or <see langword="null"/> when the call has none.</summary>
    private string? ContactId { get; init; }

    public static ContactAddresses Of(CallCompleted call, string defaultRegion)
    {
        var (phoneField, emailField) = (call.Contact?.Phone, call.Contact?.Email);
        var phone = PhoneNormalizer.Normalize(phoneField, defaultRegion);
        var onFile = EmailNormalizer.Normalize(emailField);
        var captured = EmailNormalizer.Normalize(call.CapturedEmail);

        // The contact id, then phones, then emails, each email once (ordinal), in the order found: no LINQ on the per-call path.
        var contactId = call.Contact?.Id;
        var identifiers = new Outbox.TargetList();
        if (contactId is not null)
        {
            identifiers.Add(new(SuppressionTargetKind.ContactId, contactId));
        }

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
        return new(phone, onFile, captured) { Targets = identifiers, ContactId = contactId };
    }

    /// <summary>
    /// Every identifier a do-not-contact entry may match: <paramref name="contactId"/>, then the phones and emails
    /// (<see cref="Targets"/>, built once when it is the call's own contact id); the call's follow-up records keep this
    /// list itself.
    /// </summary>
    public IReadOnlyList<SuppressionTarget> SuppressionTargets(string contactId)
    {
        if (string.Equals(contactId, ContactId, StringComparison.Ordinal))
        {
            return Targets;
        }

        var identifiers = ContactId is null ? Targets : Targets.Skip(1);
        return new Outbox.TargetList([new SuppressionTarget(SuppressionTargetKind.ContactId, contactId), .. identifiers]);
    }

    private static void AddEmails(Outbox.TargetList identifiers, Checked email, string? field)
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

    private static void AddEmail(Outbox.TargetList identifiers, string address)
    {
        for (var i = 0; i < identifiers.Count; i++)
        {
            var known = identifiers[i];
            if (known.Kind == SuppressionTargetKind.Email && string.Equals(known.Value, address, StringComparison.Ordinal))
            {
                return;
            }
        }

        identifiers.Add(new(SuppressionTargetKind.Email, address));
    }
}
