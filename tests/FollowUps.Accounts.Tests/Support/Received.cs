using System.Net.Http.Headers;
using System.Text;
using FollowUps.Smtp.Tests.Support;
using FollowUps.Twilio.Tests.Support;

namespace FollowUps.Accounts.Tests.Support;

/// <summary>What the loopback servers received, read as a person checking a brand would read it.</summary>
internal static class Received
{
    /// <summary>All a recipient sees of an email: from, subject, both bodies and the List-Unsubscribe header.</summary>
    public static string Text(ReceivedMessage email) => string.Join(
        "\n",
        email.Message.From.ToString(),
        email.Message.Subject,
        email.Message.TextBody,
        email.Message.HtmlBody,
        email.Message.Headers["List-Unsubscribe"]);

    /// <summary>The Basic credentials a request to the Twilio fake carried, as "user:secret".</summary>
    public static string BasicCredentials(ReceivedRequest request)
    {
        var header = AuthenticationHeaderValue.Parse(request.Authorization);
        header.Scheme.Should().Be("Basic");
        return Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!));
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking often, for at most <paramref name="seconds"/>; whether it did.</summary>
    public static async Task<bool> WithinAsync(int seconds, Func<Task<bool>> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!limit.IsCancellationRequested)
        {
            if (await condition())
            {
                return true;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), limit.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return await condition();
    }
}
