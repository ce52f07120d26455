namespace FollowUps.Templates;

/// <summary>The values an email's <see cref="EmailTemplate.Names"/> stand for, cleaned to one line each.</summary>
/// <param name="FirstName">The contact's first name, or "there" when unknown (as in the SMS greeting).</param>
/// <param name="FromName">The name the email is sent under.</param>
/// <param name="SenderName">The person's name the SMS uses: the campaign's sender name, else the account default.</param>
/// <param name="Brand">The account's brand.</param>
/// <param name="MeetingLink">The scheduling link that applies, or <see langword="null"/>.</param>
internal readonly record struct EmailValues(string FirstName, string FromName, string SenderName, string Brand, string? MeetingLink)
{
    /// <summary>The value of placeholder <paramref name="name"/>; the meeting link is empty when none applies.</summary>
    public string this[string name] => name switch
    {
        "first_name" => FirstName,
        "from_name" => FromName,
        "sender_name" => SenderName,
        "brand" => Brand,
        EmailTemplate.MeetingLink => MeetingLink ?? "",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not an email placeholder."),
    };

    /// <summary>The value of the placeholder at <paramref name="slot"/> in <see cref="EmailTemplate.Names"/>; the meeting link is empty when none applies.</summary>
    public string this[int slot] => slot switch
    {
        0 => FirstName,
        1 => FromName,
        2 => SenderName,
        3 => Brand,
        4 => MeetingLink ?? "",
        _ => throw new ArgumentOutOfRangeException(nameof(slot), slot, "Not an email placeholder."),
    };
}
