namespace FollowUps.Rules;

/// <summary>Collects errors under one section, so each names its full field path.</summary>
internal sealed class FieldErrors(string section)
{
    public List<FieldError> List { get; } = [];

    public void Add(string field, string message) => List.Add(new($"{section}.{field}", message));

    public void Optional(string field, string? value, Func<string, string?> rule)
    {
        if (!string.IsNullOrWhiteSpace(value) && rule(value!.Trim()) is { } problem)
        {
            Add(field, problem);
        }
    }

    public void Required(string field, string? value, Func<string, string?> rule, string whenBlank)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, whenBlank);
        }
        else
        {
            Optional(field, value, rule);
        }
    }
}
