using System.Globalization;
using FollowUps.Normalization;

namespace FollowUps.Rules;

/// <summary>Checks that a call record has what every rule needs. Pure.</summary>
internal static class CallValidator
{
    /// <summary>The first problem with <paramref name="call"/>, or <see langword="null"/> when it is usable.</summary>
    public static string? FindProblem(CallCompleted call)
    {
        if (string.IsNullOrWhiteSpace(call.AccountId))
        {
            return "AccountId is required";
        }

        if (string.IsNullOrWhiteSpace(call.CampaignId))
        {
            return "CampaignId is required";
        }

        if (string.IsNullOrWhiteSpace(call.CallId))
        {
            return "CallId is required";
        }

        if (call.Contact is null || string.IsNullOrWhiteSpace(call.Contact.Id))
        {
            return "Contact.Id is required";
        }

        // Past this, a field is not a phone or an address, and finding one in it would be unbounded work: nothing is
        // sent rather than the do-not-contact list left unchecked.
        foreach (var (name, value, limit) in (ReadOnlySpan<(string, string?, int)>)
            [("Contact.Phone", call.Contact.Phone, PhoneNormalizer.MaxFieldLength), ("Contact.Email", call.Contact.Email, EmailNormalizer.MaxFieldLength), ("CapturedEmail", call.CapturedEmail, EmailNormalizer.MaxFieldLength)])
        {
            if (value?.Length > limit)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{name} is longer than {limit:N0} characters");
            }
        }

        return Enum.IsDefined(call.Status) ? null : $"Status {(int)call.Status} is not a call status";
    }
}
