using System.Globalization;

namespace FollowUps.Templates;

/// <summary>Formats an appointment time in the contact's time zone: "Tue, Dec 1 at 3:30 PM (New York time)".</summary>
internal static class AppointmentText
{
    public static bool TryFormatTime(Appointment appointment, out string text)
    {
        text = "";
        if (string.IsNullOrWhiteSpace(appointment.TimeZone)
            || !TimeZoneInfo.TryFindSystemTimeZoneById(appointment.TimeZone.Trim(), out var zone))
        {
            return false;
        }

        var local = TimeZoneInfo.ConvertTime(appointment.StartsAt, zone);
        text = $"{local.ToString("ddd, MMM d 'at' h:mm tt", CultureInfo.InvariantCulture)} ({ZoneName(zone.Id)})";
        return true;
    }

    /// <summary>"America/New_York" reads as "New York time"; "UTC" stays "UTC".</summary>
    private static string ZoneName(string id)
    {
        var city = id[(id.LastIndexOf('/') + 1)..].Replace('_', ' ');
        return city.Equals("UTC", StringComparison.OrdinalIgnoreCase) ? "UTC" : $"{city} time";
    }
}
