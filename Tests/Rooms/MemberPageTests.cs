using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>
/// Issue 16's member pages and lazy presence, on a cluster of its own with small thresholds (a first page of 10, lazy
/// presence above 30 members), so that a room of 40 members built through the real join path shows what a room of
/// 100,000 does with the defaults (the index itself is tested at 100,000 in <see cref="MemberIndexTests"/>).
/// </summary>
public sealed class MemberPageTests : IAsyncLifetime
{
    private const int FirstPage = 10;
    private const int LazyAbove = 30;
    private readonly ChatCluster _chat = ChatCluster.WithRoomOptions(rooms =>
    {
        rooms.MembersOnJoin = FirstPage;
        rooms.MaxMemberPage = 50;
        rooms.LazyPresenceAbove = LazyAbove;
    });

    public Task InitializeAsync() => _chat.InitializeAsync();

    public Task DisposeAsync() => _chat.DisposeAsync();

    /// <summary>A public room of the owner and <paramref name="others"/> members named "Member 00" … through the join path.</summary>
    private async Task<(string RoomId, Guid Owner, List<Guid> Members)> RoomOfAsync(int others)
    {
        var owner = await _chat.NewUserAsync();
        var roomId = await _chat.NewRoomAsync(owner.UserId, "big");
        var room = _chat.Room(roomId);
        var members = new List<Guid>();
        for (var i = 0; i < others; i++)
        {
            var id = Guid.NewGuid();
            await room.Join(id, new MemberIdentity($"Member {i:00}"));
            members.Add(id);
        }
        return (roomId, owner.UserId, members);
    }

    [Fact]
    public async Task Join_AnswersTheCountsAndTheFirstPage_AndThePagesAfterItHoldEveryoneOnceInListOrder()
    {
        var (roomId, owner, members) = await RoomOfAsync(24);
        var room = _chat.Room(roomId);
        var gateway = _chat.Client.CreateObjectReference<IRoomObserver>(new RecordingObserver());
        // Three online, two away: they lead the list, each group by name, whoever joined last.
        await room.Subscribe("gw-a", gateway, [members[20], members[3], members[11], members[7], members[5], owner], 0, Guid.Empty,
            GatewayVersion.Next(), [members[7], members[5]]);

        var opened = await room.Join(owner, new MemberIdentity("ignored"));

        Assert.Equal(25, opened.Room.MemberCount);
        Assert.Equal(6, opened.OnlineCount);
        Assert.Equal(FirstPage, opened.Members.Count);
        Assert.NotNull(opened.MembersNext);
        Assert.Equal(
            new[] { "Member 03", "Member 11", "Member 20", opened.Members.Single(m => m.UserId == owner).Name }.Order(StringComparer.OrdinalIgnoreCase),
            opened.Members.Take(4).Select(m => m.Name));
        Assert.Equal(["Member 05", "Member 07"], opened.Members.Skip(4).Take(2).Select(m => m.Name));
        Assert.All(opened.Members.Skip(4).Take(2), m => Assert.True(m.Away));
        var rest = new List<MemberInfo>();
        for (var after = opened.MembersNext; after is not null;)
        {
            var page = await room.GetMembers(owner, after, 7);
            Assert.Equal((25, 6), (page.Total, page.Online));
            rest.AddRange(page.Members);
            after = page.Next;
        }
        var all = opened.Members.Concat(rest).ToList();
        Assert.Equal(25, all.Select(m => m.UserId).Distinct().Count());
        Assert.Equal((await room.AllMembers(owner)).Select(m => m.UserId), all.Select(m => m.UserId));
        Assert.All(all.Skip(6), m => Assert.False(m.Online));

        // A newcomer's first page is taken with them online, as their gateway reports them right after: listed and counted.
        var newcomer = Guid.NewGuid();
        var joined = await room.Join(newcomer, new MemberIdentity("Zz Newcomer"));
        Assert.Equal(7, joined.OnlineCount);
        Assert.Contains(joined.Members.Take(7), m => m.UserId == newcomer && m.Online);
        Assert.Equal(6, (await room.GetMembers(owner, null, 1)).Online);
        GC.KeepAlive(gateway);
    }

    [Fact]
    public async Task Members_FilterByNameIgnoringCase_AndRefuseAPageTooLargeOrAPositionNoPageGave()
    {
        var (roomId, owner, _) = await RoomOfAsync(24);
        var room = _chat.Room(roomId);

        var page = await room.GetMembers(owner, null, 50, "MEMBER 1");

        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"Member {i}").Order(), page.Members.Select(m => m.Name).Order());
        Assert.Null(page.Next);
        Assert.Equal(25, page.Total);
        var tooMany = await Assert.ThrowsAsync<ChatException>(() => room.GetMembers(owner, null, 51));
        Assert.Equal("A page of members holds 1 to 50 members.", tooMany.Message);
        var junk = await Assert.ThrowsAsync<ChatException>(() => room.GetMembers(owner, "junk!", 10));
        Assert.Equal("That is not a position in the member list.", junk.Message);
        await Assert.ThrowsAsync<ChatException>(() => room.GetMembers(Guid.NewGuid(), null, 10));
    }

    [Fact]
    public async Task LazyPresence_AboveTheThreshold_OthersGetCountsNotTheChange_WhileTheMemberHearsTheirOwn()
    {
        var (roomId, owner, members) = await RoomOfAsync(LazyAbove);
        var room = _chat.Room(roomId);
        var watching = new RecordingObserver();
        var ownGateway = new RecordingObserver();
        var watcherRef = _chat.Client.CreateObjectReference<IRoomObserver>(watching);
        var ownRef = _chat.Client.CreateObjectReference<IRoomObserver>(ownGateway);
        await room.Subscribe("gw-watch", watcherRef, [owner], 0, Guid.Empty, GatewayVersion.Next());
        var counted = watching.WaitUntil(o => o.Counts(roomId).Any(c => c == new MemberCounts(31, 2)), "counts of two online");

        await room.SetOnline("gw-own", ownRef, members[0], true, GatewayVersion.Next());

        await counted;
        Assert.DoesNotContain(watching.Changes(roomId), c => c.Member.UserId == members[0]);
        await ownGateway.WaitUntil(o => o.Changes(roomId).Any(c => c.Kind == MemberChangeKinds.Online && c.Member.UserId == members[0]),
            "the member's own online change");
        Assert.All(ownGateway.Addressed(roomId).Where(a => a.Notification is MemberChange), a => Assert.Equal([members[0]], a.Recipients));
        // Joins and leaves are still told to everyone: they are lines of the room anyway.
        var newcomer = Guid.NewGuid();
        var joined = watching.WaitUntil(o => o.Changes(roomId).Any(c => c.Kind == MemberChangeKinds.Joined && c.Member.UserId == newcomer), "the join");
        await room.Join(newcomer, new MemberIdentity("Newcomer"));
        await joined;
        GC.KeepAlive(watching);
        GC.KeepAlive(ownGateway);
    }

    [Fact]
    public async Task SmallPagedRoom_PushesEveryPresenceChange_AndTheCounts()
    {
        var (roomId, owner, members) = await RoomOfAsync(FirstPage + 2);
        var room = _chat.Room(roomId);
        var watching = new RecordingObserver();
        var watcherRef = _chat.Client.CreateObjectReference<IRoomObserver>(watching);
        await room.Subscribe("gw-watch", watcherRef, [owner], 0, Guid.Empty, GatewayVersion.Next());
        var told = watching.WaitUntil(o => o.Changes(roomId).Any(c => c.Kind == MemberChangeKinds.Online && c.Member.UserId == members[1])
            && o.Counts(roomId).Any(c => c == new MemberCounts(FirstPage + 3, 2)), "the change and the counts");

        await room.SetOnline("gw-own", watcherRef, members[1], true, GatewayVersion.Next());

        await told;
        GC.KeepAlive(watching);
    }
}
