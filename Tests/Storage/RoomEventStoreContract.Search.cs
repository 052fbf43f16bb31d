using OrleansChat.Grains.Search;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Tests.Storage;

/// <summary>Message search, the same promises on every store: current text, the rooms asked only, filters, languages.</summary>
public abstract partial class RoomEventStoreContract
{
    private Task<IReadOnlyList<FoundMessage>> SearchAsync(IEnumerable<string> rooms, string[] terms, string[]? excluded = null,
        Guid? author = null, DateTimeOffset? after = null, DateTimeOffset? before = null, string? cursor = null, int limit = 20) =>
        Store.SearchAsync(new MessageSearch([.. rooms], terms, excluded ?? [], author, after, before, cursor, limit, TimeSpan.FromSeconds(10)));

    private static RoomEvent Said(long seq, string text, Guid? author = null) =>
        Message(seq, author) with { Text = text };

    private static string Marked(FoundMessage found)
    {
        var (text, marks) = SearchText.FromMarked(found.MarkedSnippet);
        return string.Concat(marks.Select(m => "[" + text.Substring(m.Start, m.Length) + "]"));
    }

    [Fact]
    public async Task Search_FindsTheWordsInTheRoomsAskedOnly_NewestFirst_WithTheMatchesMarked()
    {
        var (mine, other, outside) = (NewRoom(), NewRoom(), NewRoom());
        await Store.AppendAsync(mine, [Said(1, "the Room number is 4.12"), Said(2, "lunch at noon"), Said(3, "which room? NUMBER 4.12")]);
        await Store.AppendAsync(other, [Said(1, "room number 7 for the exam") with { At = Start.AddMinutes(10) }]);
        await Store.AppendAsync(outside, [Said(1, "secret room number 9") with { At = Start.AddMinutes(20) }]);

        var found = await SearchAsync([mine, other], ["room", "number"]);

        Assert.Equal([(other, 1L), (mine, 3L), (mine, 1L)], found.Select(f => (f.RoomId, f.Seq)));
        Assert.Equal("[Room][number]", Marked(found[2]));
        Assert.Equal("the Room number is 4.12", SearchText.FromMarked(found[2].MarkedSnippet).Text);
        Assert.Equal(Message(3).AuthorId, found[1].AuthorId);
        Assert.Equal("Alice", found[1].AuthorName);
        Assert.Equal(Start.AddSeconds(3), found[1].At);
    }

    [Fact]
    public async Task Search_FindsAnEditedMessageByItsNewWords_AndNotByItsOldOnes()
    {
        var room = NewRoom();
        await Store.AppendAsync(room, [Said(1, "meet in the library"), Said(2, "ok")]);
        await Store.AppendAsync(room, [Change(3, RoomEventKinds.Edit, 1, "meet in the cafeteria")]);

        Assert.Empty(await SearchAsync([room], ["library"]));
        Assert.Equal(1, Assert.Single(await SearchAsync([room], ["cafeteria"])).Seq);
        // The edit event itself carries the new text too, but only messages are found.
        Assert.Single(await SearchAsync([room], ["meet"]));
    }

    [Fact]
    public async Task Search_DoesNotFindADeletedMessage_NorItsEdits()
    {
        var room = NewRoom();
        await Store.AppendAsync(room, [Said(1, "password is hunter2"), Said(2, "password reset tomorrow")]);
        await Store.AppendAsync(room, [Change(3, RoomEventKinds.Edit, 1, "password is swordfish")]);
        await Store.AppendAsync(room, [Change(4, RoomEventKinds.Delete, 1, "")]);

        Assert.Empty(await SearchAsync([room], ["swordfish"]));
        Assert.Empty(await SearchAsync([room], ["hunter2"]));
        Assert.Equal(2, Assert.Single(await SearchAsync([room], ["password"])).Seq);
    }

    [Fact]
    public async Task Search_FindsAFileByItsName_WithOrWithoutWords_AfterAnEdit_AndNotOnceDeleted()
    {
        var room = NewRoom();
        var pdf = new FileAttachment(Guid.NewGuid().ToString("N"), "budget-2027.pdf", 1000, "application/pdf");
        var photo = new FileAttachment(Guid.NewGuid().ToString("N"), "Strandurlaub.jpg", 1000, "image/jpeg");
        await Store.AppendAsync(room, [Said(1, "") with { Attachment = pdf }, Said(2, "holiday pictures") with { Attachment = photo }]);

        Assert.Equal(1, Assert.Single(await SearchAsync([room], ["budget"])).Seq);
        Assert.Equal(2, Assert.Single(await SearchAsync([room], ["strandurlaub"])).Seq);
        Assert.Equal(2, Assert.Single(await SearchAsync([room], ["holiday"])).Seq);

        // Words added to the file's message by an edit are found, and so is the file's name still.
        await Store.AppendAsync(room, [Change(3, RoomEventKinds.Edit, 1, "the numbers for next year")]);
        Assert.Equal(1, Assert.Single(await SearchAsync([room], ["numbers"])).Seq);
        Assert.Equal(1, Assert.Single(await SearchAsync([room], ["budget"])).Seq);

        await Store.AppendAsync(room, [Change(4, RoomEventKinds.Delete, 1, "")]);
        Assert.Empty(await SearchAsync([room], ["budget"]));
    }

    [Fact]
    public async Task Search_AppliesTheAuthorTimeAndExcludedWordFilters()
    {
        var room = NewRoom();
        await Store.AppendAsync(room,
        [
            Said(1, "exam on monday"), Said(2, "exam on tuesday", Bob), Said(3, "exam moved, not monday"),
            Said(4, "exam room changed") with { At = Start.AddDays(2) },
        ]);

        Assert.Equal([2L], (await SearchAsync([room], ["exam"], author: Bob)).Select(f => f.Seq));
        Assert.Equal([2L], (await SearchAsync([room], ["exam"], excluded: ["monday", "changed"])).Select(f => f.Seq));
        Assert.Equal([4L], (await SearchAsync([room], ["exam"], after: Start.AddDays(1))).Select(f => f.Seq));
        Assert.Equal([3L, 2L, 1L], (await SearchAsync([room], ["exam"], before: Start.AddDays(1))).Select(f => f.Seq));
        Assert.Equal([3L], (await SearchAsync([room], ["exam"], after: Start.AddSeconds(3), before: Start.AddDays(1))).Select(f => f.Seq));
        Assert.Equal([3L], (await SearchAsync([room], ["moved, not"])).Select(f => f.Seq));
        Assert.Empty(await SearchAsync([room], ["not moved"]));
    }

    [Theory]
    [InlineData("Müller hat die Straße gefunden", "muller", "[Müller]")]
    [InlineData("Müller hat die Straße gefunden", "straße", "[Straße]")]
    [InlineData("On se voit au Café de l'Élysée, à côté", "cafe elysee", "[Café][Élysée]")]
    [InlineData("Встретимся в Москве у библиотеки", "москве", "[Москве]")]
    [InlineData("Встретимся в Москве у библиотеки", "БИБЛИОТЕКИ", "[библиотеки]")]
    [InlineData("私は東京に行きました", "東京", "[東京]")]
    [InlineData("私は東京に行きました", "京", "[京]")]
    [InlineData("私は東京に行きました", "京東", "")]
    [InlineData("我爱北京天安门", "北京天安门", "[北京天安门]")]
    [InlineData("서울에 가요", "서울", "[서울]")]
    [InlineData("Ελληνικά κείμενα", "ΚΕΊΜΕΝΑ", "[κείμενα]")]
    public async Task Search_FindsWordsOfOtherLanguages_IgnoringCaseAndAccents(string text, string query, string marks)
    {
        var room = NewRoom();
        await Store.AppendAsync(room, [Said(1, text)]);

        var found = await SearchAsync([room], query.Split(' '));

        Assert.Equal(marks, found.Count == 0 ? "" : Marked(Assert.Single(found)));
        if (found.Count > 0) Assert.Equal(text, SearchText.FromMarked(found[0].MarkedSnippet).Text);
    }

    [Fact]
    public async Task Search_PagesOlderWithTheCursorOfTheLastHit_WithoutGapOrRepeat()
    {
        var (a, b) = (NewRoom(), NewRoom());
        await Store.AppendAsync(a, [.. Enumerable.Range(1, 25).Select(i => Said(i, $"homework {i}"))]);
        await Store.AppendAsync(b, [.. Enumerable.Range(1, 25).Select(i => Said(i, $"homework {i}"))]);

        var seen = new List<(string, long)>();
        string? cursor = null;
        for (var page = 0; page < 4; page++)
        {
            var found = await SearchAsync([a, b], ["homework"], cursor: cursor, limit: 15);
            seen.AddRange(found.Select(f => (f.RoomId, f.Seq)));
            if (found.Count < 15) break;
            cursor = found[^1].Cursor;
        }

        Assert.Equal(50, seen.Count);
        Assert.Equal(50, seen.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(i => (long)i), seen.Where(s => s.Item1 == a).Select(s => s.Item2));
    }

    [Theory]
    [InlineData("NEAR(a b)")]
    [InlineData("\"")]
    [InlineData("a OR b")]
    [InlineData("*")]
    [InlineData("NOT")]
    [InlineData("(x")]
    [InlineData("-")]
    [InlineData("!:&|<->")]
    public async Task Search_TreatsEngineOperatorsInATermAsText_WithoutAnError(string term)
    {
        var room = NewRoom();
        await Store.AppendAsync(room, [Said(1, "a OR b, NOT near x")]);

        var found = await SearchAsync([room], [term]);

        Assert.True(found.Count <= 1);
    }

    [Fact]
    public async Task Search_WithACursorItDidNotIssue_IsAnArgumentError()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SearchAsync([NewRoom()], ["x"], cursor: "not-a-cursor"));
    }

    [Fact]
    public async Task Search_ThatRunsLongerThanItsTimeout_IsStoppedWithATimeout()
    {
        var room = NewRoom();
        for (var first = 1; first <= 20_000; first += 1000)
        {
            await Store.AppendAsync(room, [.. Enumerable.Range(first, 1000).Select(i => Said(i, $"common word {i} and another common phrase"))]);
        }
        // Every message matches the words and none the author: the store must look at all 20,000 to find nothing, which
        // takes longer than 1 ms; where the store can be held, it is, so that no machine is fast enough to finish.
        var search = new MessageSearch([room], ["common word"], [], Bob, null, null, null, 20, TimeSpan.FromMilliseconds(1));

        await using (await HoldSearchesAsync())
        {
            await Assert.ThrowsAsync<TimeoutException>(() => Store.SearchAsync(search));
        }
        // The store's connections are fine afterwards: the deadline went with that search.
        Assert.Equal(20, (await SearchAsync([room], ["common word"])).Count);
    }
}
