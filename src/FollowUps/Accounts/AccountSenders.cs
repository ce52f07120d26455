using Microsoft.Extensions.DependencyInjection;

namespace FollowUps.Accounts;

/// <summary>
/// Which senders an account's follow-ups leave through: the keyed ones it names (<see cref="FollowUpAccount.SmsSender"/>,
/// <see cref="FollowUpAccount.EmailSender"/>), else the ones registered without a key. Thread-safe.
/// </summary>
/// <param name="sms">The SMS sender registered without a key, if any.</param>
/// <param name="email">The email sender registered without a key, if any.</param>
/// <param name="services">Where keyed senders are found; <see langword="null"/> outside a container (then no key resolves).</param>
internal sealed class AccountSenders(ISmsSender? sms, IEmailSender? email, IServiceProvider? services = null)
{
    /// <summary>The senders registered without a key, for every account that names none.</summary>
    public (ISmsSender? Sms, IEmailSender? Email) Registered => (sms, email);

    /// <summary>The senders <paramref name="account"/> uses, and a sentence for each key that names no registered sender.</summary>
    public (ISmsSender? Sms, IEmailSender? Email, IReadOnlyList<string> Problems) For(FollowUpAccount account)
    {
        var problems = new List<string>();
        var accountSms = Find(account.SmsSender, sms, nameof(FollowUpAccount.SmsSender));
        var accountEmail = Find(account.EmailSender, email, nameof(FollowUpAccount.EmailSender));
        return (accountSms, accountEmail, problems);

        T? Find<T>(string? key, T? registered, string setting)
            where T : class
        {
            if (key is null)
            {
                return registered;
            }

            T? keyed;
            try
            {
                keyed = services?.GetKeyedService<T>(key);
            }
            catch (Exception ex)
            {
                // A sender the container cannot make (its own settings are wrong) is this account's problem, never the host's exception.
                problems.Add($"Accounts:{account.Id}:{setting}: the {typeof(T).Name} registered with the key '{key}' could not be made ({ex.GetType().Name}: {ex.Message}).");
                return null;
            }

            if (keyed is not null)
            {
                return keyed;
            }

            problems.Add($"Accounts:{account.Id}:{setting}: no {typeof(T).Name} is registered with the key '{key}' (services.AddKeyedSingleton<{typeof(T).Name}, …>(\"{key}\")).");
            return null;
        }
    }
}
