using Twilio.Security;

namespace FollowUps.Twilio.Inbound;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> with the SDK's validator: HMAC-SHA1, keyed with the auth token, of the URL followed by
/// every form field's name and value sorted by name, in base64. A missing or empty signature, or a URL that is not an
/// absolute http(s) URL, is invalid; it never throws. Thread-safe.
/// </summary>
internal static class TwilioSignature
{
    public static bool IsValid(string authToken, TwilioWebhookRequest request)
    {
        if (string.IsNullOrEmpty(request.Signature)
            || !Uri.TryCreate(request.Url, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        var form = request.Form as IDictionary<string, string> ?? new Dictionary<string, string>(request.Form, StringComparer.Ordinal);
        try
        {
            return new RequestValidator(authToken).Validate(request.Url, form, request.Signature);
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            return false; // The SDK's port variations throw on some URLs it cannot rebuild; such a request is not signed.
        }
    }
}
