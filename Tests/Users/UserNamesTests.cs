namespace OrleansChat.Tests.Users;

public sealed class UserNamesTests
{
    [Theory]
    [InlineData("Amber Heron", "\u0410mber Heron")] // Cyrillic А
    [InlineData("Amber Heron", "\u0430mber Heron")] // Cyrillic а, lower case
    [InlineData("Amber Heron", "\uff21\uff4d\uff42\uff45\uff52 \uff28\uff45\uff52\uff4f\uff4e")] // full-width
    [InlineData("Bright Ibis", "Bright \u0131bis")] // dotless ı
    [InlineData("Amber Heron", "amber  HERON")]
    [InlineData("Amber Heron", "Arnber Heron")]
    public void Key_OfALookAlike_IsTheKeyOfTheName(string name, string lookAlike)
    {
        Assert.Equal(UserNames.Key(name), UserNames.Key(lookAlike));
    }

    [Theory]
    [InlineData("Ivan", "lvan")] // capital I and small l
    [InlineData("ABE", "\u0391\u0392\u0395")] // Greek capitals
    public void DisplayKey_OfALookAlikeInAnotherCase_IsTheKeyOfTheName(string name, string lookAlike)
    {
        Assert.NotEqual(UserNames.Key(name), UserNames.Key(lookAlike));
        Assert.Equal(UserNames.DisplayKey(name), UserNames.DisplayKey(lookAlike));
    }

    [Theory]
    [InlineData("Amber Heron", "Amber Herons")]
    [InlineData("Amber Heron", "Ambre Heron")]
    public void Keys_OfDifferentNames_Differ(string name, string other)
    {
        Assert.Empty(UserNames.Keys(name).Intersect(UserNames.Keys(other)));
    }

    [Fact]
    public void Keys_NeverMeetALegacyKey()
    {
        // Legacy keys are bare normalised names, which cannot contain ':'.
        Assert.All(UserNames.Keys("Amber Heron"), k => Assert.Contains(':', k));
        Assert.NotNull(UserNames.Validate("ci:amber"));
    }

    [Theory]
    [InlineData("Amber\u200bHeron")] // zero-width space
    [InlineData("Amber\u200dHeron")] // zero-width joiner
    [InlineData("Amber Heron\u2060")] // word joiner
    [InlineData("\u202eAmber Heron")] // right-to-left override
    [InlineData("Amber \u2067Heron\u2069")] // right-to-left isolate
    [InlineData("Amber\u200f Heron")] // right-to-left mark
    [InlineData("Amber\ufe0f Heron")] // a variation selector alone
    [InlineData("\u3164\u3164")] // Hangul fillers: letters that show nothing
    [InlineData("Amber\u00adHeron")] // soft hyphen
    [InlineData("Amber\ufeffHeron")] // zero-width no-break space
    public void Validate_ANameWithInvisibleOrFormattingCharacters_IsRefusedSayingSo(string name)
    {
        Assert.Contains("invisible or formatting characters", UserNames.Validate(name));
    }

    [Theory]
    [InlineData("Amber Heron")]
    [InlineData("Zoë O'Neil")]
    [InlineData("\u05d3\u05e0\u05d4 \u05db\u05d4\u05df")] // Hebrew
    [InlineData("\u0622\u0645\u0646\u0629")] // Arabic
    [InlineData("\u674e\u5c0f\u9f99")] // Han
    public void Validate_OrdinaryNamesInAnyScript_AreAccepted(string name)
    {
        Assert.Null(UserNames.Validate(name));
    }
}
