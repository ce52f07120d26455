namespace FollowUps.Templates;

/// <summary>
/// Renders the five fixed templates. Each is compiled once, when the type loads, to its literal text and slots
/// (<see cref="SmsCompiledTemplate"/>); a render copies them and the slot values into one string, with no template
/// engine: the wording is the library's own, and a value is text, never template syntax. The output is the text Scriban
/// rendered before (a property test holds it to Scriban). Only slots with a value count: a slot the template uses
/// with none is an error, never a blank. Thread-safe.
/// </summary>
internal static class SmsRenderer
{
    /// <summary>The compiled templates, indexed by <see cref="SmsTemplateKind"/> (0 to 4).</summary>
    private static readonly SmsCompiledTemplate[] Compiled = CompileAll();

    public static string Render(SmsTemplateKind kind, SmsSlotValues slots) =>
        (uint)kind < (uint)Compiled.Length
            ? Compiled[(int)kind].Fill(slots)
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not one of the five SMS templates.");

    private static SmsCompiledTemplate[] CompileAll()
    {
        var compiled = new SmsCompiledTemplate[SmsTemplates.All.Count];
        foreach (var template in SmsTemplates.All)
        {
            compiled[(int)template.Kind] = SmsCompiledTemplate.Compile(template);
        }

        return compiled;
    }
}
