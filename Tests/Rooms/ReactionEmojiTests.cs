using OrleansChat.Grains.Rooms;

namespace OrleansChat.Tests.Rooms;

public sealed class ReactionEmojiTests
{
    [Theory]
    [InlineData("👍")]
    [InlineData("👍🏽")]
    [InlineData("👩‍👩‍👧")]
    [InlineData("🏳️‍🌈")]
    [InlineData("🇫🇷")]
    [InlineData("🏴󠁧󠁢󠁳󠁣󠁴󠁿")]
    [InlineData("1️⃣")]
    [InlineData("❤️")]
    [InlineData("☕")]
    public void IsValid_ForOneEmoji(string emoji) => Assert.True(ReactionEmoji.IsValid(emoji));

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("1")]
    [InlineData("👍👍")]
    [InlineData("👍 ")]
    [InlineData("ok")]
    [InlineData("\u200D")]
    [InlineData("e\u0301")]
    [InlineData("\uD83D")]
    [InlineData("👍\u202E")]
    public void IsValid_IsFalse_ForAnythingElse(string emoji) => Assert.False(ReactionEmoji.IsValid(emoji));
}
