namespace FollowUps.Templates;

/// <summary>
/// What fills a <see cref="SlottedText"/>'s slots for one message: the email's values, by their index in
/// <see cref="EmailTemplate.Names"/>, and the recipient's unsubscribe token at <see cref="Token"/>.
/// </summary>
/// <param name="Values">The placeholders' values.</param>
/// <param name="UnsubscribeToken">The token of the recipient's unsubscribe link, or <see langword="null"/> when the email has none.</param>
internal readonly record struct SlotValues(EmailValues Values, string? UnsubscribeToken)
{
    /// <summary>The slot of the unsubscribe token: after the placeholders.</summary>
    public const byte Token = 5;

    /// <summary>The value of <paramref name="slot"/>.</summary>
    public string this[int slot] => slot == Token ? UnsubscribeToken ?? "" : Values[slot];
}
