using FollowUps.Templates;

namespace FollowUps.Tests.Templates;

public sealed class EmailTemplateTests
{
    [Theory]
    [InlineData("Hi {{ first_name }}!", "Hi <first_name>!")]
    [InlineData("{{first_name}}{{brand}}", "<first_name><brand>")]
    [InlineData("Hi {{~ first_name ~}} !", "Hi<first_name>!")]
    [InlineData("{{ first_name }} {{ from_name }} {{ sender_name }} {{ brand }} {{ meeting_link }}", "<first_name> <from_name> <sender_name> <brand> <meeting_link>")]
    [InlineData("No placeholders { at all }", "No placeholders { at all }")]
    [InlineData("Braces kept: {%{ {{ first_name }} }%}", "Braces kept:  {{ first_name }} ")]
    [InlineData("{{# a comment }}text", "text")]
    [InlineData("", "")]
    public void Parse_TextAndPlaceholders_FillsEachPlaceholderOnce(string text, string filled)
    {
        var template = EmailTemplate.Parse(text);

        template.Problem.Should().BeNull();
        template.Fill(name => $"<{name}>").Should().Be(filled);
    }

    [Theory]
    [InlineData("{{ 'A' * 200000000 }}", "may only hold text and placeholders")]
    [InlineData("{{ (1..100000000) | array.size }}", "may only hold text and placeholders")]
    [InlineData("{{ for i in 1..10 }}{{ i }}{{ end }}", "may only hold text and placeholders")]
    [InlineData("{{ while true }}x{{ end }}", "may only hold text and placeholders")]
    [InlineData("{{ first_name.size }}", "may only hold text and placeholders")]
    [InlineData("{{ first_name | string.upcase }}", "may only hold text and placeholders")]
    [InlineData("{{ first_name; brand }}", "puts two placeholders in one {{ }}")]
    [InlineData("{{ brand = 'x' }}", "may only hold text and placeholders")]
    [InlineData("{{ this }}", "may only hold text and placeholders")]
    [InlineData("{{ $0 }}", "may only hold text and placeholders")]
    [InlineData("{{ name }}", "uses the placeholder {{ name }}, which does not exist")]
    [InlineData("{{ First_Name }}", "uses the placeholder {{ First_Name }}, which does not exist")]
    [InlineData("Hi {{ first_name", "has a {{ (or {%{) that is not closed")]
    [InlineData("Hi {%{ first_name", "has a {{ (or {%{) that is not closed")]
    [InlineData("{{ func }}", "is not a valid template")]
    public void Parse_AnythingButTextAndKnownPlaceholders_HasAProblemAndFillsNothing(string text, string problem)
    {
        var template = EmailTemplate.Parse(text);

        template.Problem.Should().StartWith(problem);
        template.Fill(_ => "x").Should().BeEmpty();
    }

    [Fact]
    public void Uses_SaysWhetherAPlaceholderAppears()
    {
        var template = EmailTemplate.Parse("Book: {{ meeting_link }}");

        template.Uses("meeting_link").Should().BeTrue();
        template.Uses("first_name").Should().BeFalse();
        EmailTemplate.Parse("meeting_link").Uses("meeting_link").Should().BeFalse();
    }
}
