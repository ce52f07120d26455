namespace FollowUps.Tests;

/// <summary>The examples README.md shows give what it says they give.</summary>
public sealed class ReadmeExamplesTests
{
    [Fact]
    public void SegmentsExample_MeasuresAndSmartEncodesAsShown()
    {
        const string text = "It’s booked — see you then!";

        SmsText.Measure(text).ToString().Should().Be("1 segment, UCS-2 because of ’ —, 27 code units");
        SmsText.SmartEncode(text).Should().Be("It's booked - see you then!");
        SmsText.Measure(SmsText.SmartEncode(text)).ToString().Should().Be("1 segment, GSM-7, 27 septets");
    }
}
