using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// Message search through the hub, on the real grains and SQLite store: only the rooms the caller is a member of now,
/// filters, the current text, and bad input answered with an error to the caller.
/// </summary>
public sealed class SearchHubTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => gateway.Host;

    private static string Word() => "w" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<string> NewRoomAsync(ChatClient owner, params ChatClient[] members)
    {
        var created = await owner.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Room {Guid.NewGuid().ToString("N")[..10]}");
        foreach (var m in members) await m.JoinAsync(created.Room.Id);
        return created.Room.Id;
    }

    private static Task<SearchResults> SearchAsync(ChatClient client, string query, string? roomId = null, string? cursor = null) =>
        client.Connection.InvokeAsync<SearchResults>("Search", query, roomId, cursor);

    [Fact]
    public async Task Search_FindsMessagesOfTheRoomsTheCallerIsInNow_NotOfRoomsLeftKickedOrNeverJoined()
    {
        await using var owner = await ChatClient.ConnectAsync(Host);
        await using var leaver = await ChatClient.ConnectAsync(Host);
        await using var kicked = await ChatClient.ConnectAsync(Host);
        await using var stranger = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(owner, leaver, kicked);
        var word = Word();
        await owner.SendAsync(room, $"the room number is {word}");

        foreach (var member in new[] { owner, leaver, kicked })
            Assert.Equal(room, Assert.Single((await SearchAsync(member, word)).Hits).RoomId);
        Assert.Empty((await SearchAsync(stranger, word)).Hits);

        await leaver.Connection.InvokeAsync("LeaveRoom", room);
        await owner.Connection.InvokeAsync("Kick", room, kicked.UserId);

        Assert.Empty((await SearchAsync(leaver, word)).Hits);
        Assert.Empty((await SearchAsync(kicked, word)).Hits);
        var notMember = await Assert.ThrowsAsync<HubException>(() => SearchAsync(kicked, word, room));
        Assert.Contains("You are not a member of this room.", notMember.Message, StringComparison.Ordinal);
        Assert.Single((await SearchAsync(owner, word)).Hits);
    }

    [Fact]
    public async Task Search_ReturnsRoomAuthorTimeAndMarkedSnippet_AndAppliesInFromAndThisRoom()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        var first = await NewRoomAsync(a, b);
        var second = await NewRoomAsync(a, b);
        var word = Word();
        var sent = await a.SendAsync(first, $"Exam in room {word} on Monday");
        await b.SendAsync(second, $"no, the exam {word} moved");
        var firstName = (await a.JoinAsync(first)).Room.Name;

        var all = (await SearchAsync(b, $"EXAM {word}")).Hits;
        var thisRoom = (await SearchAsync(b, $"exam {word}", first)).Hits;
        var inRoom = (await SearchAsync(b, $"exam {word} in:#{first}")).Hits;
        var fromA = (await SearchAsync(b, $"exam {word} from:\"{(await a.Connection.InvokeAsync<UserProfile>("Hello")).Name}\"")).Hits;
        var fromMe = (await SearchAsync(b, $"{word} from:me")).Hits;

        Assert.Equal([second, first], all.Select(h => h.RoomId));
        var hit = all[1];
        Assert.Equal((firstName, sent.Seq, a.UserId), (hit.RoomName, hit.Seq, hit.AuthorId));
        Assert.Equal(sent.At, hit.At);
        Assert.Equal($"Exam in room {word} on Monday", hit.Snippet);
        Assert.Equal(["Exam", word], hit.Marks.Select(m => hit.Snippet.Substring(m.Start, m.Length)));
        Assert.Equal(first, Assert.Single(thisRoom).RoomId);
        Assert.Equal(first, Assert.Single(inRoom).RoomId);
        Assert.Equal(first, Assert.Single(fromA).RoomId);
        Assert.Equal(second, Assert.Single(fromMe).RoomId);
    }

    [Fact]
    public async Task Search_FindsAnEditedMessageByItsNewText_AndADeletedOneNotAtAll()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a);
        var (old, edited, gone) = (Word(), Word(), Word());
        var message = await a.SendAsync(room, $"meet at {old}");
        var deleted = await a.SendAsync(room, $"my phone is {gone}");

        await a.Connection.InvokeAsync<PostResult>("Edit", room, Guid.NewGuid().ToString("N"), message.Seq, $"meet at {edited}");
        await a.Connection.InvokeAsync<PostResult>("Delete", room, Guid.NewGuid().ToString("N"), deleted.Seq);

        Assert.Empty((await SearchAsync(a, old)).Hits);
        Assert.Equal(message.Seq, Assert.Single((await SearchAsync(a, edited)).Hits).Seq);
        Assert.Empty((await SearchAsync(a, gone)).Hits);
    }

    [Theory]
    [InlineData("", "Type a word to search for.")]
    [InlineData("   ", "Type a word to search for.")]
    [InlineData("in:#lobby from:me", "Type at least one word to search for")]
    [InlineData("- \"\" ( ) * :", "Type at least one word to search for")]
    [InlineData("exam before:yesterday", "is not a date")]
    [InlineData("exam in:#no-such-room-here", "You are in no room called 'no-such-room-here'.")]
    [InlineData("exam from:\"Nobody Whatsoever Here\"", "No one is called 'Nobody Whatsoever Here'.")]
    [InlineData("a b c d e f g h i", "at most 8 words or phrases")]
    public async Task Search_WithBadInput_IsRefusedWithAClearErrorToTheCallerOnly(string query, string error)
    {
        await using var a = await ChatClient.ConnectAsync(Host);

        var refused = await Assert.ThrowsAsync<HubException>(() => SearchAsync(a, query));

        Assert.Contains(error, refused.Message, StringComparison.Ordinal);
        Assert.Empty((await SearchAsync(a, Word())).Hits);
    }

    [Fact]
    public async Task Search_WithAHugeQueryOrAForeignCursor_IsRefusedWithoutAServerError()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await NewRoomAsync(a);

        var huge = await Assert.ThrowsAsync<HubException>(() => SearchAsync(a, new string('x', 201)));
        var cursor = await Assert.ThrowsAsync<HubException>(() => SearchAsync(a, "exam", null, "not-a-cursor"));

        Assert.Contains("at most 200 characters", huge.Message, StringComparison.Ordinal);
        Assert.Contains("no longer valid", cursor.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_PagesOlderResultsWithTheNextCursor()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var rooms = new[] { await NewRoomAsync(a), await NewRoomAsync(a) };
        var word = Word();
        var sent = new List<(string, long)>();
        // Two rooms, so that 26 messages stay within one room's send burst.
        for (var i = 0; i < 26; i++) sent.Add((rooms[i % 2], (await a.SendAsync(rooms[i % 2], $"{word} number {i}")).Seq));

        var first = await SearchAsync(a, word);
        var second = await SearchAsync(a, word, null, first.Next);

        Assert.Equal(20, first.Hits.Count);
        Assert.Null(second.Next);
        Assert.Equal(Enumerable.Reverse(sent), first.Hits.Concat(second.Hits).Select(h => (h.RoomId, h.Seq)));
    }
}
