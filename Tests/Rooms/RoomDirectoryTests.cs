using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>
/// Pages and search of the public room list. Each test uses a directory grain of its own key, so the rooms of other
/// tests do not show up in its pages.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RoomDirectoryTests(ChatCluster chat)
{
    private IRoomDirectoryGrain NewDirectory() => chat.Client.GetGrain<IRoomDirectoryGrain>($"test-{Guid.NewGuid():N}");

    private static RoomSummary Room(string id, string name, string topic = "") => new(id, name, topic, 1, RoomKinds.Room, IsPrivate: false);

    [Fact]
    public async Task Pages_ListEveryRoomOnce_LobbyFirstThenById()
    {
        var directory = NewDirectory();
        string[] ids = ["golf", "alpha", "echo", "charlie", "foxtrot", "bravo", "delta"];
        foreach (var id in ids) await directory.Register(Room(id, id.ToUpperInvariant()));

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await directory.Search(null, after, 3);
            Assert.InRange(page.Rooms.Count, 1, 3);
            seen.AddRange(page.Rooms.Select(r => r.Id));
            after = page.Next;
            pages++;
        }
        while (after is not null);

        Assert.Equal([ChatLimits.LobbyId, .. ids.Order(StringComparer.Ordinal)], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task APageOfOnlyTheLobby_ContinuesWithTheFirstRoom()
    {
        var directory = NewDirectory();
        await directory.Register(Room("aardvark", "Aardvark"));
        await directory.Register(Room("zebra", "Zebra"));

        var first = await directory.Search(null, null, 1);
        var second = await directory.Search(null, first.Next, 1);

        Assert.Equal([ChatLimits.LobbyId], first.Rooms.Select(r => r.Id));
        Assert.Equal(["aardvark"], second.Rooms.Select(r => r.Id));
        Assert.Equal("aardvark", second.Next);
    }

    [Fact]
    public async Task Limit_DefaultsToFifty_AndAHugeOneIsCutToTheMaximumOfAHundred()
    {
        var directory = NewDirectory();
        for (var i = 0; i < 120; i++) await directory.Register(Room($"room-{i:D3}", $"Room {i:D3}"));

        var byDefault = await directory.Search(null, null, 0);
        var huge = await directory.Search(null, null, int.MaxValue);
        var negative = await directory.Search("", null, -5);

        Assert.Equal(50, byDefault.Rooms.Count);
        Assert.Equal(100, huge.Rooms.Count);
        Assert.Equal("room-098", huge.Next);
        Assert.Equal(50, negative.Rooms.Count);
    }

    [Fact]
    public async Task Search_FindsNameOrTopicIgnoringCase_BeyondTheFirstPage_AndABlankQueryListsAll()
    {
        var directory = NewDirectory();
        for (var i = 0; i < 60; i++) await directory.Register(Room($"room-{i:D2}", $"Room {i:D2}"));
        await directory.Register(Room("zz-knitting", "Knitting Circle"));
        await directory.Register(Room("zz-other", "Other", "we talk about KNITTING too"));

        var firstPage = await directory.Search(null, null, 0);
        var found = await directory.Search("knit", null, 0);
        var blank = await directory.Search("   ", null, 0);

        Assert.DoesNotContain(firstPage.Rooms, r => r.Id.StartsWith("zz-", StringComparison.Ordinal));
        Assert.Equal(["zz-knitting", "zz-other"], found.Rooms.Select(r => r.Id)); // the lobby does not match
        Assert.Null(found.Next);
        Assert.Equal(firstPage.Rooms.Select(r => r.Id), blank.Rooms.Select(r => r.Id));
        Assert.Equal([ChatLimits.LobbyId], (await directory.Search("Everyone starts", null, 0)).Rooms.Select(r => r.Id));
    }

    [Fact]
    public async Task Search_PagesThroughMatchesOnly()
    {
        var directory = NewDirectory();
        for (var i = 0; i < 10; i++) await directory.Register(Room($"room-{i}", i % 2 == 0 ? $"Even {i}" : $"Odd {i}"));

        var first = await directory.Search("even", null, 3);
        var second = await directory.Search("even", first.Next, 3);

        Assert.Equal(["room-0", "room-2", "room-4"], first.Rooms.Select(r => r.Id));
        Assert.Equal(["room-6", "room-8"], second.Rooms.Select(r => r.Id));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task Unregister_TakesTheRoomOffThePages()
    {
        var directory = NewDirectory();
        await directory.Register(Room("secret-soon", "Secret soon"));
        await directory.Unregister("secret-soon");

        Assert.Empty((await directory.Search("secret", null, 0)).Rooms);
    }
}
