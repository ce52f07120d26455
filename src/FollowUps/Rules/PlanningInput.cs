using FollowUps.Normalization;

namespace FollowUps.Rules;

/// <summary>Everything the planner decides from: the call, the campaign, the defaults, and what the store said.</summary>
/// <param name="Call">The call.</param>
/// <param name="CallProblem">Why the call record is unusable, or <see langword="null"/>.</param>
/// <param name="Campaign">The campaign's settings.</param>
/// <param name="Defaults">The account defaults.</param>
/// <param name="Addresses">The contact's addresses, normalised.</param>
/// <param name="Suppression">The do-not-contact entry that matches the contact, if any.</param>
/// <param name="Now">The engine's clock when the call is handled; an appointment must be after it.</param>
internal readonly record struct PlanningInput(
    CallCompleted Call,
    string? CallProblem,
    CampaignFollowUpSettings Campaign,
    FollowUpOptions Defaults,
    ContactAddresses Addresses,
    SuppressionEntry? Suppression,
    DateTimeOffset Now);
