using OrleansChat.Grains.Users;

namespace OrleansChat.Tests.Users;

/// <summary>The rules of a status text as a plain class: one trimmed line, no control or text-direction characters.</summary>
public sealed class StatusTextTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData(" \t ", null)]
    [InlineData("  lunch  ", "lunch")]
    public void Clean_TrimsAndTurnsBlankIntoNone(string? text, string? expected) => Assert.Equal(expected, StatusText.Clean(text));

    [Theory]
    [InlineData("In a meeting 🗓️")]
    [InlineData("في اجتماع")]
    [InlineData("a\u200Db")] // joiners stay: emoji sequences need them
    public void Validate_AcceptsOrdinaryText(string text) => Assert.Null(StatusText.Validate(text, 80));

    [Theory]
    [InlineData("one\ntwo", "line breaks")]
    [InlineData("one\rtwo", "line breaks")]
    [InlineData("one\u2028two", "line breaks")]
    [InlineData("bell\u0007", "control characters")]
    [InlineData("x\u2066y\u2069", "text-direction")]
    [InlineData("x\u202Dy", "text-direction")]
    public void Validate_RefusesLineBreaksControlsAndBidiControls_WithAReason(string text, string words) =>
        Assert.Contains(words, StatusText.Validate(text, 80));

    [Fact]
    public void Validate_CountsTheConfiguredLength()
    {
        Assert.Null(StatusText.Validate(new string('x', 10), 10));
        Assert.Equal("A status has at most 10 characters.", StatusText.Validate(new string('x', 11), 10));
    }
}
