namespace FollowUps.Samples;

/// <summary>Prints the reports as a fixed-width table, then the full text of every message sent.</summary>
internal static class ReportPrinter
{
    private const int PreviewLength = 60;

    public static void PrintTable(TextWriter output, IReadOnlyList<FollowUpReport> reports)
    {
        string[] header = ["Call", "Contact", "Kind", "Outcome", "Reason", "SMS size", "Text (or why not)"];
        var rows = reports.SelectMany(report => report.Outcomes.Select((outcome, i) => new[]
        {
            i == 0 ? report.CallId : "",
            i == 0 ? Blank(report.ContactId) : "",
            outcome.Kind.ToString(),
            outcome.Status.ToString(),
            outcome.Reason == OutcomeReason.None ? "" : outcome.Reason.ToString(),
            outcome.SmsMeasure is { } size ? $"{size.Segments} x {size.Encoding}" : "",
            Preview(outcome.Text ?? outcome.Detail),
        })).ToList();

        var widths = header.Select((title, column) => rows.Max(row => row[column].Length) is var widest && widest > title.Length ? widest : title.Length).ToArray();
        output.WriteLine(Line(header, widths));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        for (var r = 0; r < rows.Count; r++)
        {
            if (r > 0 && r % 3 == 0)
            {
                output.WriteLine();
            }

            output.WriteLine(Line(rows[r], widths));
        }
    }

    public static void PrintMessages(TextWriter output, IReadOnlyList<FollowUpReport> reports)
    {
        foreach (var report in reports)
        {
            foreach (var sent in report.Outcomes.Where(o => o.IsSent))
            {
                var what = sent.Kind switch
                {
                    FollowUpKind.Sms => $"SMS ({sent.Template})",
                    FollowUpKind.Email => "Email follow-up",
                    _ => "Missed-call email",
                };
                output.WriteLine($"=== {what} to {sent.Recipient}; call {report.CallId}, contact {report.ContactId}, id {sent.ProviderMessageId}");
                if (sent.SmsMeasure is { } size)
                {
                    output.WriteLine($"({size})");
                }

                if (sent.Subject is not null)
                {
                    output.WriteLine($"Subject: {sent.Subject}");
                    output.WriteLine();
                }

                output.WriteLine(sent.Text);
                output.WriteLine();
            }
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd();

    private static string Blank(string value) => value.Length == 0 ? "(none)" : value;

    private static string Preview(string? text)
    {
        var line = (text ?? "").ReplaceLineEndings("⏎");
        return line.Length <= PreviewLength ? line : string.Concat(line.AsSpan(0, PreviewLength - 1), "…");
    }
}
