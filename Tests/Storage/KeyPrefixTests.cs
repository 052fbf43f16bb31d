using OrleansChat.Grains.Storage;

namespace OrleansChat.Tests.Storage;

/// <summary>The end of a prefix's key range (<see cref="KeyPrefix"/>), which both engines' name searches read up to.</summary>
public sealed class KeyPrefixTests
{
    [Theory]
    [InlineData("amb", "amc")]
    [InlineData("a%", "a&")]
    [InlineData("z", "{")]
    [InlineData("a\uD7FF", "a\uE000")]
    [InlineData("a\uFFFF", "a\U00010000")]
    [InlineData("a\U0001D400", "a\U0001D401")]
    [InlineData("a\U0010FFFF", "b")]
    [InlineData("ab\U0010FFFF\U0010FFFF", "ac")]
    public void End_IsThePrefixWithItsLastCodePointIncremented(string prefix, string end) => Assert.Equal(end, KeyPrefix.End(prefix));

    [Theory]
    [InlineData("")]
    [InlineData("\U0010FFFF")]
    public void End_OfAPrefixNothingFollows_IsNone(string prefix) => Assert.Null(KeyPrefix.End(prefix));
}
