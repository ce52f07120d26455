namespace FollowUps.Templates;

/// <summary>A rendered SMS, its measure, and whether it fits the account's segment budget.</summary>
internal sealed record ComposedSms(string Text, SmsMeasure Measure, bool FitsBudget);
