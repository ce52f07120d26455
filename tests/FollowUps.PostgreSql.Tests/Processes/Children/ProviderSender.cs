using System.Net;

namespace FollowUps.PostgreSql.Tests.Processes.Children;

/// <summary>
/// A child's sender: POSTs each SMS and email to the test's <see cref="LoopbackProvider"/>, the follow-up's key in
/// <see cref="LoopbackProvider.KeyHeader"/> and the child's name in <see cref="LoopbackProvider.SenderHeader"/>; 201 with
/// the provider's id in the body is sent, anything else a temporary failure. No timeout of its own: a request the fake
/// holds stays in flight until the child is killed.
/// </summary>
internal sealed class ProviderSender(HttpClient http, string name) : ISmsSender, IEmailSender
{
    public Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken) =>
        PostAsync(message.Key, $"{message.To}\n{message.Body}", cancellationToken);

    public Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
        PostAsync(message.Key, $"{message.To}\n{message.Subject}\n{message.TextBody}", cancellationToken);

    private async Task<SendResult> PostAsync(FollowUpKey key, string content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("messages", UriKind.Relative)) { Content = new StringContent(content) };
        request.Headers.Add(LoopbackProvider.KeyHeader, key.ToString());
        request.Headers.Add(LoopbackProvider.SenderHeader, name);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.Created
            ? SendResult.Sent(body)
            : SendResult.TransientFailure($"The fake provider answered {(int)response.StatusCode}.");
    }
}
