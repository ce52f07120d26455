namespace FollowUps.Templates;

/// <summary>A rendered SMS, its measure, whether it fits the account's segment budget, and how much of its free text it kept.</summary>
internal readonly record struct ComposedSms(string Text, SmsMeasure Measure, bool FitsBudget, int FreeTextKept);
