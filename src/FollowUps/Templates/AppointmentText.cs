using System.Globalization;

namespace FollowUps.Templates;

/// <summary>Formats an appointment time in the contact's time zone: "Tue, Dec 1 at 3:30 PM (New York time)".</summary>
internal static class AppointmentText
{
    /// <summary>The longest time this class writes, over every zone the system knows: the worst case for the segment budget.</summary>
    public static string LongestTime => Longest.Value;

    private static readonly Lazy<string> Longest = new(() =>
    {
        var longestZone = TimeZoneInfo.GetSystemTimeZones()
            .Where(zone => IsZoneName(zone.Id))
            .Select(zone => ZoneName(zone.Id, zone.BaseUtcOffset))
            .Append("UTC+00:00")
            .MaxBy(name => name.Length)!;
        return $"Wed, Sep 30 at 12:30 PM ({longestZone})";
    });

    public static bool TryFormatTime(Appointment appointment, out string text)
    {
        text = "";
        var id = appointment.TimeZone?.Trim();
        if (string.IsNullOrEmpty(id) || !IsZoneName(id) || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return false;
        }

        var local = TimeZoneInfo.ConvertTime(appointment.StartsAt, zone);
        text = $"{local.ToString("ddd, MMM d 'at' h:mm tt", CultureInfo.InvariantCulture)} ({ZoneName(zone.Id, local.Offset)})";
        return true;
    }

    /// <summary>
    /// An IANA or Windows time zone name. The system's zone folder also holds files that are not zones for people
    /// ("posixrules", "right/America/New_York" with leap seconds), which this refuses.
    /// </summary>
    private static bool IsZoneName(string id) =>
        id == "UTC" || TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out _) || TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out _);

    /// <summary>
    /// "America/New_York" reads as "New York time", and so does the Windows id "Eastern Standard Time"; "UTC" stays
    /// "UTC"; an id with no city in it ("EST5EDT") reads as its offset, "UTC-05:00".
    /// </summary>
    private static string ZoneName(string id, TimeSpan offset)
    {
        if (!id.Contains('/') && TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana))
        {
            id = iana;
        }

        var city = id[(id.LastIndexOf('/') + 1)..].Replace('_', ' ');
        if (city is "UTC" or "UCT" or "Universal" or "Zulu" || (city.StartsWith("GMT", StringComparison.Ordinal) && offset == TimeSpan.Zero))
        {
            return "UTC";
        }

        return id.Contains('/') && !id.StartsWith("Etc/", StringComparison.Ordinal)
            ? $"{city} time"
            : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
    }
}
