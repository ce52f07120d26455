using System.Globalization;
using System.Text;
using FollowUps.Internal;

namespace FollowUps;

/// <summary>
/// The person a campaign called. Immutable. <see cref="ToString"/> shows personal data masked, as the logs do: the phone
/// as <c>+1******2671</c>, the email as <c>a***@example.com</c>, the first name as its initial (<c>A***</c>).
/// </summary>
public sealed record Contact
{
    /// <summary>The host's id of the contact; the unit of "once per contact".</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The phone number as dialled, in any common notation. Numbers without a country code are read in
    /// <see cref="FollowUpOptions.DefaultRegion"/>; the engine normalises to E.164.
    /// </summary>
    public string? Phone { get; init; }

    /// <summary>The email address on file, if any.</summary>
    public string? Email { get; init; }

    /// <summary>The contact's first name, used in greetings; optional.</summary>
    public string? FirstName { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Id = {Id}, Phone = {Redact.Recipient(Phone?.Trim())}, Email = {Redact.Recipient(Email?.Trim())}, FirstName = {Printed.Name(FirstName)}");
        return true;
    }
}
