using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>
/// Joins, additions, leaves, kicks, bans, renames and topic changes are system lines: events of the room's sequence
/// (kinds member and room) that history and catch-up carry, and that never count as unread.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SystemLineTests(ChatCluster chat)
{
    private async Task<RoomEvent> NewestAsync(IRoomGrain room, Guid reader) =>
        (await room.GetEventsBefore(reader, long.MaxValue, 1)).Events.Single();

    [Fact]
    public async Task EachMembershipChange_IsExactlyOneMemberLine_NamingWhoAndByWhom()
    {
        var owner = await chat.NewUserAsync();
        var ana = await chat.NewUserAsync();
        var bo = await chat.NewUserAsync();
        var cy = await chat.NewUserAsync();
        var id = await chat.NewRoomAsync(owner.UserId);
        var room = chat.Room(id);

        var joined = await chat.User(ana.UserId).JoinRoom(id);
        await room.Invite(owner.UserId, bo.UserId);
        await chat.User(cy.UserId).JoinRoom(id);
        await room.Kick(owner.UserId, ana.UserId);
        await room.Ban(owner.UserId, bo.UserId);
        await chat.User(cy.UserId).LeaveRoom(id);

        var events = (await room.GetEventsAfter(owner.UserId, 0, 50)).Events;
        Assert.Equal([1L, 2, 3, 4, 5, 6], events.Select(e => e.Seq));
        Assert.All(events, e => Assert.Equal(RoomEventKinds.Member, e.Kind));
        Assert.Equal(
            [
                (ana.UserId, MemberLine.Joined, ana.UserId, ana.Name),
                (owner.UserId, MemberLine.Added, bo.UserId, bo.Name),
                (cy.UserId, MemberLine.Joined, cy.UserId, cy.Name),
                (owner.UserId, MemberLine.Kicked, ana.UserId, ana.Name),
                (owner.UserId, MemberLine.Banned, bo.UserId, bo.Name),
                (cy.UserId, MemberLine.Left, cy.UserId, cy.Name),
            ],
            events.Select(e => (e.AuthorId, MemberLine.Of(e)!.Change, MemberLine.Of(e)!.UserId, MemberLine.Of(e)!.Name)));
        Assert.Equal(owner.Name, events[3].AuthorName);
        // The joiner's first view of the room ends with their own line.
        Assert.Equal((1L, RoomEventKinds.Member), (joined.LastSeq, joined.Recent[^1].Kind));
        // Opening a room one is in already, inviting a member, banning a non-member: no change, no line.
        await chat.User(owner.UserId).JoinRoom(id);
        await room.Ban(owner.UserId, (await chat.NewUserAsync()).UserId);
        Assert.Equal(6, (await room.GetEventsAfter(owner.UserId, 0, 50)).LastSeq);
    }

    [Fact]
    public async Task RenameAndTopic_AreOneRoomLineEach_WithTheOldAndNewName()
    {
        var owner = await chat.NewUserAsync();
        var id = await chat.NewRoomAsync(owner.UserId);
        var room = chat.Room(id);
        var oldName = (await room.GetListing(owner.UserId)).Room.Name;

        await room.Update(owner.UserId, new RoomUpdate("Renamed room", "plans for friday", null));
        await room.Update(owner.UserId, new RoomUpdate("Renamed room", null, true));
        await room.Update(owner.UserId, new RoomUpdate(null, "", null));

        var events = (await room.GetEventsAfter(owner.UserId, 0, 50)).Events;
        Assert.All(events, e => Assert.Equal((RoomEventKinds.Room, owner.UserId), (e.Kind, e.AuthorId)));
        Assert.Equal(
            [
                new RoomLine(RoomLine.Renamed, Name: "Renamed room", OldName: oldName),
                new RoomLine(RoomLine.TopicChanged, Topic: "plans for friday"),
                new RoomLine(RoomLine.TopicChanged, Topic: ""),
            ],
            events.Select(e => RoomLine.Of(e)));
    }

    [Fact]
    public async Task ASiteAdministratorsKick_IsALineBySiteAdministrator()
    {
        var owner = await chat.NewUserAsync();
        var member = await chat.NewUserAsync();
        await chat.User(ChatCluster.AdminId).EnsureProfile();
        var id = await chat.NewRoomAsync(owner.UserId);
        await chat.User(member.UserId).JoinRoom(id);

        await chat.Room(id).Kick(ChatCluster.AdminId, member.UserId);

        var line = await NewestAsync(chat.Room(id), owner.UserId);
        Assert.Equal((ChatCluster.AdminId, "Site administrator", MemberLine.Kicked), (line.AuthorId, line.AuthorName, MemberLine.Of(line)!.Change));
    }

    [Fact]
    public async Task Lines_SurviveReactivation_AndKeepTheSequenceGapFreeWithMessages()
    {
        var owner = await chat.NewUserAsync();
        var member = await chat.NewUserAsync();
        var id = await chat.NewRoomAsync(owner.UserId);
        var room = chat.Room(id);
        await room.Post(owner.UserId, "m1", "welcome");
        await chat.User(member.UserId).JoinRoom(id);
        await room.Post(member.UserId, "m2", "thanks");
        await room.Update(owner.UserId, new RoomUpdate("Friday plans", null, null));
        var before = (await room.GetEventsAfter(owner.UserId, 0, 50)).Events;

        await chat.Cluster.DeactivateAsync(room);
        var after = (await room.GetEventsAfter(owner.UserId, 0, 50)).Events;

        Assert.Equal([RoomEventKinds.Message, RoomEventKinds.Member, RoomEventKinds.Message, RoomEventKinds.Room], after.Select(e => e.Kind));
        Assert.Equal([1L, 2, 3, 4], after.Select(e => e.Seq));
        Assert.Equal(before, after);
        // History pages backwards through them like through messages.
        Assert.Equal(after.Skip(1), (await room.GetEventsBefore(owner.UserId, 5, 3)).Events);
    }

    [Fact]
    public async Task Unread_CountsTheMessagesOfOthers_NotSystemLinesOrChanges()
    {
        var owner = await chat.NewUserAsync();
        var reader = await chat.NewUserAsync();
        var id = await chat.NewRoomAsync(owner.UserId);
        var room = chat.Room(id);
        await chat.User(reader.UserId).JoinRoom(id);
        await chat.User(reader.UserId).MarkRead(id, 1);
        Assert.Equal(0, Listing(await chat.User(reader.UserId).GetRooms(), id).Unread);

        var first = await room.Post(owner.UserId, "m1", "hello");
        for (var i = 0; i < 3; i++) await chat.User((await chat.NewUserAsync()).UserId).JoinRoom(id);
        await room.Update(owner.UserId, new RoomUpdate("Quiet room", "a topic", null));
        await room.React(owner.UserId, "r1", first.Seq, "👍", add: true);
        await room.Post(reader.UserId, "own", "my own message");

        var listing = Listing(await chat.User(reader.UserId).GetRooms(), id);
        Assert.Equal(1, listing.Unread);
        Assert.Equal(first.Seq + 7, listing.LastSeq);
        await room.Post(owner.UserId, "m2", "and again");
        Assert.Equal(2, Listing(await chat.User(reader.UserId).GetRooms(), id).Unread);
    }

    [Fact]
    public async Task Unread_PastTheTail_CountsTheMessagesInTheTailAndEveryOlderEvent()
    {
        var owner = await chat.NewUserAsync();
        var reader = await chat.NewUserAsync();
        var id = await chat.NewRoomAsync(owner.UserId);
        var room = chat.Room(id);
        await chat.User(reader.UserId).JoinRoom(id);
        await chat.User(reader.UserId).MarkRead(id, 1);
        for (var batch = 0; batch < 6; batch++)
            await room.Post(owner.UserId, [.. Enumerable.Range(0, 100).Select(i => new PostRequest($"b{batch}-{i}", "filler"))]);
        for (var i = 0; i < 5; i++) await chat.User((await chat.NewUserAsync()).UserId).JoinRoom(id);

        // 600 messages and 5 joins after the marker; the tail holds the newest 500 events, 5 of them joins.
        Assert.Equal(600, Listing(await chat.User(reader.UserId).GetRooms(), id).Unread);
    }

    private static RoomListing Listing(IReadOnlyList<RoomListing> listings, string id) => listings.Single(l => l.Room.Id == id);
}
