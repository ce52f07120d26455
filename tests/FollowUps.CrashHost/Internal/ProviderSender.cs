using System.Net;

namespace FollowUps.CrashHost.Internal;

/// <summary>
/// Sends an SMS or an email by POSTing it to the test's loopback fake provider, the follow-up's key in the
/// <c>X-FollowUp-Key</c> header; 201 with the provider's id in the body is sent. Anything else is a temporary failure.
/// </summary>
internal sealed class ProviderSender(HttpClient http) : ISmsSender, IEmailSender
{
    public const string KeyHeader = "X-FollowUp-Key";

    public Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return PostAsync(message.Key, $"{message.To}\n{message.Body}", cancellationToken);
    }

    public Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return PostAsync(message.Key, $"{message.To}\n{message.Subject}\n{message.TextBody}", cancellationToken);
    }

    private async Task<SendResult> PostAsync(FollowUpKey key, string content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("messages", UriKind.Relative)) { Content = new StringContent(content) };
        request.Headers.Add(KeyHeader, key.ToString());
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.Created
            ? SendResult.Sent(body)
            : SendResult.TransientFailure($"The fake provider answered {(int)response.StatusCode}.");
    }
}
