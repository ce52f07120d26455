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

        return Enum.IsDefined(call.Status) ? null : $"Status {(int)call.Status} is not a call status";
    }
}
