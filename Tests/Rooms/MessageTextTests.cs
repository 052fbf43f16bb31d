using OrleansChat.Grains.Rooms;

namespace OrleansChat.Tests.Rooms;

public sealed class MessageTextTests
{
    [Theory]
    [InlineData("pay \u202eeci\u202cvni.exe", "pay ecivni.exe")] // an override, closed
    [InlineData("access \u202e level", "access  level")] // an override never closed
    [InlineData("\u202bembedded\u202c and \u202apopped\u202c\u202c", "embedded and popped")]
    [InlineData("isolated \u2067\u05e9\u05dc\u05d5\u05dd\u2069 and \u2066x\u2069 \u2068y\u2069", "isolated \u05e9\u05dc\u05d5\u05dd and x y")]
    public void Clean_RemovesEveryExplicitBidiControl(string text, string clean)
    {
        Assert.Equal(clean, MessageText.Clean(text));
    }

    [Fact]
    public void Clean_KeepsDirectionMarksAndJoiners()
    {
        const string text = "\u05e9\u05dc\u05d5\u05dd!\u200f a\u200eb \u0627\u061c 👩\u200d💻";

        Assert.Equal(text, MessageText.Clean(text));
    }

    [Fact]
    public void Clean_ATextOfBidiControlsOnly_IsRefusedAsEmpty()
    {
        var error = Assert.Throws<ChatException>(() => MessageText.Clean("\u202e\u2066 \u2069"));

        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Clean_LoneSurrogates_BecomeReplacementCharacters()
    {
        Assert.Equal("a\ufffdb\ufffd😀", MessageText.Clean("a\ud800b\udc00😀"));
    }

    [Fact]
    public void CleanLine_ATopicWithBidiControls_LosesThem()
    {
        Assert.Equal("rules: be nice", MessageText.CleanLine("\u202erules:\u202c be\tnice\u2069 "));
    }
}
