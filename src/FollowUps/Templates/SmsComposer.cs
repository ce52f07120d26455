namespace FollowUps.Templates;

/// <summary>
/// Renders an SMS within the account's segment budget. Look-alikes in the slot values become GSM-7 (curly quotes,
/// dashes, Unicode spaces), except in the meeting link and promo code, which must stay exact. A text over budget has
/// its free-text slot (summary, offer summary, appointment location) shortened at a word boundary, as little as
/// needed, and a greeting without the name is tried too: of the texts that fit, the one that keeps the most of the
/// free text wins (the name on a tie). Pure; thread-safe.
/// </summary>
internal static class SmsComposer
{
    public static ComposedSms Compose(SmsTemplateKind kind, SmsSlotValues slots, int maxSegments)
    {
        var replaced = LookAlikesReplaced(slots);
        var composed = FitWithOrWithoutName(kind, replaced, maxSegments);
        if (replaced == slots)
        {
            return composed;
        }

        // Replacing look-alikes turns most texts GSM-7. In one that stays UCS-2 (a name GSM-7 cannot spell), three dots
        // for an ellipsis only take room, and the text as written may keep more.
        return Better(composed, FitWithOrWithoutName(kind, slots, maxSegments));
    }

    private static ComposedSms FitWithOrWithoutName(SmsTemplateKind kind, SmsSlotValues slots, int maxSegments)
    {
        var composed = Fit(kind, slots, maxSegments);
        var whole = FreeText(kind, slots)?.Length ?? 0;
        return (composed.FitsBudget && composed.FreeTextKept == whole) || slots.FirstName == SlotText.NoName
            ? composed
            : Better(composed, Fit(kind, slots with { FirstName = SlotText.NoName }, maxSegments));
    }

    /// <summary>The text that fits and keeps more of the free text; the first on a tie, or when neither fits.</summary>
    private static ComposedSms Better(ComposedSms first, ComposedSms second) =>
        second.FitsBudget && (!first.FitsBudget || second.FreeTextKept > first.FreeTextKept) ? second : first;

    private static ComposedSms Fit(SmsTemplateKind kind, SmsSlotValues slots, int maxSegments)
    {
        var whole = Render(kind, slots, maxSegments);
        if (whole.FitsBudget || FreeText(kind, slots) is not { Length: > SlotText.MinShortened } freeText)
        {
            return whole;
        }

        // The longest shortening that fits: segments never grow as the slot gets shorter.
        var smallest = Render(kind, WithFreeText(kind, slots, SlotText.Shorten(freeText, SlotText.MinShortened)), maxSegments);
        if (!smallest.FitsBudget)
        {
            return smallest;
        }

        var (fits, tooLong) = (SlotText.MinShortened, freeText.Length);
        var best = smallest;
        while (tooLong - fits > 1)
        {
            var length = (fits + tooLong) / 2;
            var attempt = Render(kind, WithFreeText(kind, slots, SlotText.Shorten(freeText, length)), maxSegments);
            if (attempt.FitsBudget)
            {
                (fits, best) = (length, attempt);
            }
            else
            {
                tooLong = length;
            }
        }

        return best;
    }

    private static ComposedSms Render(SmsTemplateKind kind, SmsSlotValues slots, int maxSegments)
    {
        var text = SmsRenderer.Render(kind, slots);
        var measure = SmsText.Measure(text);
        return new ComposedSms(text, measure, measure.Segments <= maxSegments, FreeText(kind, slots)?.Length ?? 0);
    }

    /// <summary>The slot a template can shorten to fit: the one whose text is longest and least essential.</summary>
    private static string? FreeText(SmsTemplateKind kind, SmsSlotValues slots) => kind switch
    {
        SmsTemplateKind.ConversationSummary => slots.Summary,
        SmsTemplateKind.OfferPromo => slots.OfferSummary,
        SmsTemplateKind.AppointmentConfirmation => slots.AppointmentLocation,
        _ => null,
    };

    private static SmsSlotValues WithFreeText(SmsTemplateKind kind, SmsSlotValues slots, string value) => kind switch
    {
        SmsTemplateKind.ConversationSummary => slots with { Summary = value },
        SmsTemplateKind.OfferPromo => slots with { OfferSummary = value },
        _ => slots with { AppointmentLocation = value },
    };

    /// <summary>The slots with look-alikes replaced; the same instance when no value changes (most texts), so nothing is copied.</summary>
    private static SmsSlotValues LookAlikesReplaced(SmsSlotValues slots)
    {
        var (firstName, senderName, brandName) = (SmsText.ReplaceLookAlikes(slots.FirstName), SmsText.ReplaceLookAlikes(slots.SenderName), SmsText.ReplaceLookAlikes(slots.BrandName));
        var (time, location, summary, offer) = (Replace(slots.AppointmentTime), Replace(slots.AppointmentLocation), Replace(slots.Summary), Replace(slots.OfferSummary));
        var unchanged = ReferenceEquals(firstName, slots.FirstName) && ReferenceEquals(senderName, slots.SenderName) && ReferenceEquals(brandName, slots.BrandName)
            && ReferenceEquals(time, slots.AppointmentTime) && ReferenceEquals(location, slots.AppointmentLocation)
            && ReferenceEquals(summary, slots.Summary) && ReferenceEquals(offer, slots.OfferSummary);
        return unchanged ? slots : slots with
        {
            FirstName = firstName,
            SenderName = senderName,
            BrandName = brandName,
            AppointmentTime = time,
            AppointmentLocation = location,
            Summary = summary,
            OfferSummary = offer,
        };
    }

    private static string? Replace(string? value) => value is null ? null : SmsText.ReplaceLookAlikes(value);
}
