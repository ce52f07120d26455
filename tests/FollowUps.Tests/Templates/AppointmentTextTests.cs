using FollowUps.Templates;

namespace FollowUps.Tests.Templates;

/// <summary>Appointment times read in the contact's time zone, daylight saving included.</summary>
public sealed class AppointmentTextTests
{
    [Theory]
    [InlineData("2025-07-15T19:30:00Z", "America/New_York", "Tue, Jul 15 at 3:30 PM (New York time)")]
    [InlineData("2025-12-02T20:30:00Z", "America/New_York", "Tue, Dec 2 at 3:30 PM (New York time)")]
    [InlineData("2025-03-09T06:30:00Z", "America/New_York", "Sun, Mar 9 at 1:30 AM (New York time)")]
    [InlineData("2025-03-09T07:30:00Z", "America/New_York", "Sun, Mar 9 at 3:30 AM (New York time)")]
    [InlineData("2025-11-02T05:30:00Z", "America/New_York", "Sun, Nov 2 at 1:30 AM (New York time)")]
    [InlineData("2025-11-02T06:30:00Z", "America/New_York", "Sun, Nov 2 at 1:30 AM (New York time)")]
    [InlineData("2025-07-15T19:30:00-04:00", "America/Los_Angeles", "Tue, Jul 15 at 4:30 PM (Los Angeles time)")]
    [InlineData("2025-07-15T23:30:00Z", "America/Argentina/Buenos_Aires", "Tue, Jul 15 at 8:30 PM (Buenos Aires time)")]
    [InlineData("2025-01-01T00:05:00Z", "Europe/London", "Wed, Jan 1 at 12:05 AM (London time)")]
    [InlineData("2025-07-01T00:05:00Z", "Europe/London", "Tue, Jul 1 at 1:05 AM (London time)")]
    [InlineData("2025-07-15T19:30:00Z", "UTC", "Tue, Jul 15 at 7:30 PM (UTC)")]
    [InlineData("2025-07-15T19:30:00Z", "Etc/UTC", "Tue, Jul 15 at 7:30 PM (UTC)")]
    [InlineData("2025-07-15T19:30:00Z", " America/New_York ", "Tue, Jul 15 at 3:30 PM (New York time)")]
    public void TryFormatTime_KnownZone_FormatsTheLocalTimeAndNamesTheZone(string startsAt, string zone, string text)
    {
        var appointment = At(startsAt, zone);

        AppointmentText.TryFormatTime(appointment, out var formatted).Should().BeTrue();
        formatted.Should().Be(text);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("New York")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryFormatTime_UnknownOrBlankZone_Fails(string? zone)
    {
        var appointment = At("2025-07-15T19:30:00Z", zone!);

        AppointmentText.TryFormatTime(appointment, out var formatted).Should().BeFalse();
        formatted.Should().BeEmpty();
    }

    /// <summary>
    /// A Windows zone id (which .NET maps on every OS) reads as its IANA zone's city, never as
    /// "(Eastern Standard Time time)"; refusing it would also be acceptable.
    /// </summary>
    [Fact]
    public void TryFormatTime_WindowsZoneId_IsReadAsItsIanaZoneOrRefused()
    {
        var ok = AppointmentText.TryFormatTime(At("2025-07-15T19:30:00Z", "Eastern Standard Time"), out var formatted);

        (ok ? formatted : "refused").Should().BeOneOf("Tue, Jul 15 at 3:30 PM (New York time)", "refused");
    }

    private static Appointment At(string startsAt, string zone) => new()
    {
        StartsAt = DateTimeOffset.Parse(startsAt, System.Globalization.CultureInfo.InvariantCulture),
        TimeZone = zone,
        Location = "Acme Dental",
    };
}
