using OrleansChat.WebGateway.Presence;

namespace OrleansChat.Tests.Presence;

/// <summary>The gateway's table of its connections: tabs counted once, recipients resolved to connections.</summary>
public sealed class LocalConnectionsTests
{
    private readonly LocalConnections _connections = new();
    private readonly Guid _user = Guid.NewGuid();

    [Fact]
    public void SeveralTabs_CountAsOne_UntilTheLastCloses()
    {
        Assert.True(_connections.Connect("c1", _user, "Amber Heron", ["lobby"]).First);
        Assert.False(_connections.Connect("c2", _user, "Amber Heron", ["lobby"]).First);

        var first = _connections.Disconnect("c1", _user)!.Value;
        Assert.Equal((false, "Amber Heron", Array.Empty<string>()), (first.Last, first.Name, first.Rooms));
        var last = _connections.Disconnect("c2", _user)!.Value;

        Assert.True(last.Last);
        Assert.Equal(["lobby"], last.Rooms);
        Assert.Null(_connections.Disconnect("c2", _user));
    }

    [Fact]
    public void ConnectionsOf_ResolvesRecipientsToTheirLocalConnections_AndIgnoresOthers()
    {
        var other = Guid.NewGuid();
        _connections.Connect("c1", _user, "A", []);
        _connections.Connect("c2", _user, "A", []);
        _connections.Connect("c3", other, "B", []);

        Assert.Equal(new HashSet<string> { "c1", "c2" }, [.. _connections.ConnectionsOf([_user, Guid.NewGuid()])]);
    }

    [Fact]
    public void AddRoom_IsNewsOnlyOnce_AndOnlyForAConnectedUser()
    {
        Assert.False(_connections.AddRoom(_user, "r").News);
        _connections.Connect("c1", _user, "A", []);

        Assert.True(_connections.AddRoom(_user, "r").News);
        Assert.False(_connections.AddRoom(_user, "r").News);
        Assert.Equal([_user], _connections.MembersOf("r").Members);

        _connections.RemoveRoom(_user, "r");
        Assert.Empty(_connections.RoomsWithLocalMembers());
    }

    [Fact]
    public void AUser_IsAwayHere_OnlyWhenEveryConnectionIsAway_AndEachChangeIsTakenOnce()
    {
        _connections.Connect("c1", _user, "A", ["lobby"]);
        _connections.Connect("c2", _user, "A", ["lobby"]);
        Assert.Null(_connections.TakeAwayChange(_user));

        Assert.True(_connections.SetAway("c1", _user, away: true));
        Assert.Null(_connections.TakeAwayChange(_user));

        _connections.SetAway("c2", _user, away: true);
        var change = _connections.TakeAwayChange(_user)!.Value;
        Assert.True(change.Away);
        Assert.Equal(["lobby"], change.Rooms);
        Assert.Null(_connections.TakeAwayChange(_user));
        Assert.Equal([_user], _connections.AwayOf([_user, Guid.NewGuid()]));

        // A new tab is active: the user is back.
        _connections.Connect("c3", _user, "A", []);
        Assert.False(_connections.TakeAwayChange(_user)!.Value.Away);

        // Closing the only active tab leaves the away ones.
        _connections.Disconnect("c3", _user);
        Assert.True(_connections.TakeAwayChange(_user)!.Value.Away);
    }

    [Fact]
    public void SetAway_OfAnUnknownConnection_ChangesNothing()
    {
        _connections.Connect("c1", _user, "A", []);

        Assert.False(_connections.SetAway("other", _user, away: true));
        Assert.False(_connections.SetAway("c1", Guid.NewGuid(), away: true));
        Assert.False(_connections.IsAway(_user));
    }

    [Fact]
    public void EveryChange_CountsTheVersionUp_AndASnapshotNamesTheVersionItIsOf()
    {
        var (_, connected) = _connections.Connect("c1", _user, "A", []);
        var (_, joined) = _connections.AddRoom(_user, "r");
        var (members, version) = _connections.MembersOf("r");
        Assert.True(joined > connected);
        Assert.Equal(joined, version);
        Assert.Equal([_user], members);

        _connections.RemoveRoom(_user, "r");
        var (rooms, afterLeaving) = _connections.Snapshot();
        Assert.Empty(rooms);
        Assert.True(afterLeaving > joined);
        Assert.True(_connections.Disconnect("c1", _user)!.Value.Version > afterLeaving);
    }
}
