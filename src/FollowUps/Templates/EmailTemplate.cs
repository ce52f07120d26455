using System.Buffers;
using System.Collections.Frozen;
using FollowUps.Internal;
using Scriban;
using Scriban.Syntax;

namespace FollowUps.Templates;

/// <summary>
/// A campaign's email subject or body: text with <c>{{ name }}</c> placeholders, parsed once by Scriban and then
/// filled by substitution, never executed. Only plain references to <see cref="Names"/> are accepted, so no loop,
/// function, member access or operator can run and filling takes time linear in the text: this is the sandbox.
/// Immutable; thread-safe.
/// </summary>
internal sealed class EmailTemplate
{
    /// <summary>The placeholder that becomes a link rather than text.</summary>
    public const string MeetingLink = "meeting_link";

    /// <summary>The placeholders a campaign can use, in the order the docs list them.</summary>
    public static readonly IReadOnlyList<string> Names = ["first_name", "from_name", "sender_name", "brand", MeetingLink];

    /// <summary>Each placeholder's index in <see cref="Names"/>: the slot its value fills.</summary>
    private static readonly FrozenDictionary<string, int> Known = Names.Select((name, slot) => (name, slot)).ToFrozenDictionary(p => p.name, p => p.slot, StringComparer.Ordinal);

    /// <summary>Campaign texts repeat from call to call: each distinct text is parsed once (of the latest 1,024).</summary>
    private static readonly BoundedCache<string, EmailTemplate> Parsed = new(1024, ParseNew);

    private readonly Part[] _parts;

    private EmailTemplate(Part[] parts, string? problem)
    {
        _parts = parts;
        Problem = problem;
    }

    /// <summary>Why the text is not a valid template (a sentence naming the placeholder), or <see langword="null"/>.</summary>
    public string? Problem { get; }

    /// <summary>Whether the template refers to <paramref name="name"/>.</summary>
    public bool Uses(string name) => _parts.Any(p => p.IsPlaceholder && p.Text == name);

    /// <summary>The text with each placeholder replaced by <paramref name="valueOf"/> its name. Check <see cref="Problem"/> first.</summary>
    public string Fill(Func<string, string> valueOf)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var part in _parts)
        {
            builder.Append(part.IsPlaceholder ? valueOf(part.Text) : part.Text);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The text with each placeholder replaced by its value in <paramref name="values"/> as it is (the meeting link as
    /// its address, empty when none), trimmed: one new string, no formatting. Check <see cref="Problem"/> first.
    /// </summary>
    public string Fill(EmailValues values)
    {
        var length = 0;
        foreach (var part in _parts)
        {
            length += part.IsPlaceholder ? values[part.Slot].Length : part.Text.Length;
        }

        char[]? rented = null;
        var buffer = length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(length));
        var written = 0;
        foreach (var part in _parts)
        {
            var text = part.IsPlaceholder ? values[part.Slot] : part.Text;
            text.CopyTo(buffer[written..]);
            written += text.Length;
        }

        var filled = new string(buffer[..written].Trim());
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return filled;
    }

    /// <summary>Parses <paramref name="text"/>; a template that is not plain text and placeholders has a <see cref="Problem"/>.</summary>
    public static EmailTemplate Parse(string text) => Parsed.Get(text);

    private static EmailTemplate ParseNew(string text)
    {
        var parsed = Template.Parse(text);
        if (parsed.HasErrors)
        {
            return Invalid($"is not a valid template: {parsed.Messages[0].Message}");
        }

        var parts = new List<Part>();
        var insideBraces = false;
        var placeholdersInBraces = 0;
        foreach (var statement in parsed.Page?.Body?.Statements ?? [])
        {
            switch (statement)
            {
                case ScriptRawStatement raw:
                    parts.Add(new(raw.Text.ToString(), IsPlaceholder: false, Slot: -1));
                    break;
                case ScriptEscapeStatement escape:
                    insideBraces = escape.IsEntering;
                    placeholdersInBraces = 0;
                    break;
                case ScriptExpressionStatement { Expression: ScriptVariableGlobal variable } when insideBraces:
                    if (++placeholdersInBraces > 1)
                    {
                        return Invalid("puts two placeholders in one {{ }}; give each its own, such as {{ first_name }} {{ brand }}");
                    }

                    if (!Known.TryGetValue(variable.Name, out var slot))
                    {
                        return Invalid($"uses the placeholder {{{{ {variable.Name} }}}}, which does not exist; use {AllNames()}");
                    }

                    parts.Add(new(variable.Name, IsPlaceholder: true, slot));
                    break;
                default:
                    return Invalid($"may only hold text and placeholders such as {{{{ first_name }}}}, not {Describe(statement)}; use {AllNames()}");
            }
        }

        return insideBraces
            ? Invalid("has a {{ (or {%{) that is not closed")
            : new EmailTemplate([.. parts], problem: null);
    }

    /// <summary>What a statement the sandbox refuses is, in a user's words.</summary>
    private static string Describe(ScriptStatement statement) => statement switch
    {
        ScriptExpressionStatement { Expression: ScriptMemberExpression } => "a member access",
        ScriptExpressionStatement { Expression: ScriptPipeCall } => "a filter",
        ScriptExpressionStatement { Expression: ScriptFunctionCall } => "a function call",
        ScriptExpressionStatement { Expression: ScriptAssignExpression } => "an assignment",
        ScriptExpressionStatement { Expression: ScriptBinaryExpression or ScriptUnaryExpression } => "an operator",
        ScriptExpressionStatement => "an expression",
        ScriptForStatement or ScriptWhileStatement or ScriptLoopStatementBase => "a loop",
        _ => $"a '{statement.GetType().Name.Replace("Script", "", StringComparison.Ordinal).Replace("Statement", "", StringComparison.Ordinal).ToLowerInvariant()}' statement",
    };

    private static EmailTemplate Invalid(string problem) => new([], problem);

    private static string AllNames() => string.Join(", ", Names.Select(n => $"{{{{ {n} }}}}"));

    /// <summary>A run of text, or a placeholder: its name and its index in <see cref="Names"/>.</summary>
    private readonly record struct Part(string Text, bool IsPlaceholder, int Slot);
}
