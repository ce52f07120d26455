namespace FollowUps.Templates;

/// <summary>A slot of the fixed SMS templates, by the name the template text writes it with.</summary>
internal enum SmsSlot
{
    /// <summary><c>{{ first_name }}</c>.</summary>
    FirstName,

    /// <summary><c>{{ sender_name }}</c>.</summary>
    SenderName,

    /// <summary><c>{{ brand_name }}</c>.</summary>
    BrandName,

    /// <summary><c>{{ meeting_link }}</c>.</summary>
    MeetingLink,

    /// <summary><c>{{ appointment_time }}</c>.</summary>
    AppointmentTime,

    /// <summary><c>{{ appointment_location }}</c>.</summary>
    AppointmentLocation,

    /// <summary><c>{{ summary }}</c>.</summary>
    Summary,

    /// <summary><c>{{ offer_summary }}</c>.</summary>
    OfferSummary,

    /// <summary><c>{{ promo_code }}</c>.</summary>
    PromoCode,
}
