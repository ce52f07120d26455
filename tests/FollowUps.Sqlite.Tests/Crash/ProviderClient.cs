using System.Net;

namespace FollowUps.Sqlite.Tests.Crash;

/// <summary>
/// The test process's sender, for the dispatcher that picks up what the killed child left: POSTs to the
/// <see cref="LoopbackProvider"/> as the child's sender does (FollowUps.CrashHost's ProviderSender), the key in
/// <see cref="LoopbackProvider.KeyHeader"/>; 201 is sent.
/// </summary>
internal sealed class ProviderClient(Uri provider) : ISmsSender, IEmailSender, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = provider, Timeout = TimeSpan.FromSeconds(10) };

    public Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken) => PostAsync(message.Key, message.Body, cancellationToken);

    public Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken) => PostAsync(message.Key, message.TextBody, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<SendResult> PostAsync(FollowUpKey key, string content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("messages", UriKind.Relative)) { Content = new StringContent(content) };
        request.Headers.Add(LoopbackProvider.KeyHeader, key.ToString());
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.Created ? SendResult.Sent(body) : SendResult.TransientFailure($"The fake answered {(int)response.StatusCode}.");
    }
}
