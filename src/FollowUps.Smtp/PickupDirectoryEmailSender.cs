using FollowUps.Smtp.Delivery;
using MimeKit;

namespace FollowUps.Smtp;

/// <summary>
/// For development: writes each email as an <c>.eml</c> file into a folder instead of sending it, and reports it sent.
/// Open the files with any mail client, or point a pickup-directory relay at the folder.
/// </summary>
/// <remarks>
/// <para>The file is named after the message's Message-ID, which is derived from the follow-up key, so writing the same
/// follow-up again replaces its file. Each file is written under a temporary name and then renamed, so a reader never
/// sees half a message. The message is the one the SMTP sender would send, with CRLF line endings and 7-bit encodings;
/// a recipient whose local part is not ASCII is written in UTF-8 (RFC 6532), as an SMTPUTF8 server would receive it.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class PickupDirectoryEmailSender : IEmailSender
{
    private static readonly FormatOptions FileFormat = CreateFileFormat();
    private readonly MimeMessageFactory _messages;

    /// <summary>Creates a sender that writes into <paramref name="folder"/>, created on the first send if missing.</summary>
    /// <param name="folder">The folder to write <c>.eml</c> files into.</param>
    /// <param name="fromAddress">The address in the From header and the domain of the Message-IDs, such as <c>followups@example.com</c>.</param>
    /// <param name="timeProvider">Dates the messages.</param>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is empty or <paramref name="fromAddress"/> is not an email address.</exception>
    public PickupDirectoryEmailSender(string folder, string fromAddress, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (!MimeMessageFactory.IsAddress(fromAddress))
        {
            throw new ArgumentException($"'{fromAddress}' is not an email address such as followups@example.com.", nameof(fromAddress));
        }

        Folder = Path.GetFullPath(folder);
        _messages = new MimeMessageFactory(fromAddress, timeProvider);
    }

    /// <summary>The full path of the folder the files go into.</summary>
    public string Folder { get; }

    /// <summary>Writes <paramref name="message"/> as <c>&lt;Message-ID&gt;.eml</c> into <see cref="Folder"/>.</summary>
    /// <param name="message">The rendered message.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Sent with the Message-ID; a permanent failure for a message that could not be sent by SMTP either.</returns>
    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        if (MimeMessageFactory.Problem(message) is { } problem)
        {
            return SendResult.PermanentFailure(problem);
        }

        var messageId = _messages.MessageIdFor(message.Key);
        using var mime = _messages.Create(message);
        mime.Prepare(EncodingConstraint.SevenBit);
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{messageId}.eml");
        var temporary = Path.Combine(Folder, $".{messageId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await mime.WriteToAsync(FileFormat, stream, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return SendResult.Sent(messageId);
    }

    private static FormatOptions CreateFileFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
