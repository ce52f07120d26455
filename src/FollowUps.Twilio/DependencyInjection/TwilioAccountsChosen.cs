namespace FollowUps.Twilio.DependencyInjection;

/// <summary>Registered by <c>AddTwilioSms&lt;TAccounts, TCredentials&gt;</c>: the host's ports give each account's Twilio settings and credentials.</summary>
internal sealed class TwilioAccountsChosen;
