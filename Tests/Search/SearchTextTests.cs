using OrleansChat.Grains.Search;

namespace OrleansChat.Tests.Search;

public sealed class SearchTextTests
{
    [Fact]
    public void ForIndex_MakesEveryCjkCharacterAWord_AndLeavesOtherTextAlone()
    {
        Assert.Equal("Tokyo 東\u001F京\u001Fへ\u001F!", SearchText.ForIndex("Tokyo 東京へ!"));
        Assert.Same("plain text", SearchText.ForIndex("plain text"));
    }

    [Fact]
    public void FromMarked_GivesPlainTextAndRanges_JoiningTheCharactersOfACjkMatch()
    {
        var (text, marks) = SearchText.FromMarked("私\u001Fは\u001F\u0002東\u0003\u001F\u0002京\u0003\u001Fに\u001F and \u0002Café\u0003");

        Assert.Equal("私は東京に and Café", text);
        Assert.Equal([new TextMark(2, 2), new TextMark(10, 4)], marks);
    }
}
