using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FollowUps.Internal;

/// <summary>One <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named "FollowUps".</summary>
internal static class Telemetry
{
    public const string Name = "FollowUps";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Outcomes = Meter.CreateCounter<long>(
        "followups.outcomes", unit: "{follow-up}", description: "Follow-up outcomes by kind, status and reason.");

    /// <summary>Counts <paramref name="outcome"/>; without a listener, nothing is formatted.</summary>
    public static void Record(FollowUpOutcome outcome)
    {
        if (Outcomes.Enabled)
        {
            Outcomes.Add(
                1,
                new("followups.kind", outcome.Kind.ToString()),
                new("followups.status", outcome.Status.ToString()),
                new("followups.reason", outcome.Reason.ToString()));
        }
    }
}
