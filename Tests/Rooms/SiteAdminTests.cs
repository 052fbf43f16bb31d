using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>Site administrators (<c>Chat:Admins</c>) moderate every room, the lobby included, above its owner.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SiteAdminTests(ChatCluster chat)
{
    private async Task<UserProfile> AdminAsync() => await chat.User(ChatCluster.AdminId).EnsureProfile();

    [Fact]
    public async Task Admin_KicksAndBansInTheLobby_WhereNobodyElseCan()
    {
        var admin = await AdminAsync();
        var troll = await chat.NewUserAsync();
        var member = await chat.NewUserAsync();
        var lobby = chat.Room(ChatLimits.LobbyId);
        await lobby.Join(troll.UserId, new MemberIdentity(troll.Name));
        await lobby.Join(member.UserId, new MemberIdentity(member.Name));

        var byMember = await Assert.ThrowsAsync<ChatException>(() => lobby.Ban(member.UserId, troll.UserId));
        await lobby.Ban(admin.UserId, troll.UserId);

        Assert.Contains("moderators", byMember.Message);
        Assert.DoesNotContain(await lobby.AllMembers(member.UserId), m => m.UserId == troll.UserId);
        var rejoin = await Assert.ThrowsAsync<ChatException>(() => lobby.Join(troll.UserId, new MemberIdentity(troll.Name)));
        Assert.Contains("banned", rejoin.Message);
        await lobby.Unban(admin.UserId, troll.UserId);
        await lobby.Join(troll.UserId, new MemberIdentity(troll.Name));
    }

    [Fact]
    public async Task Admin_RanksAboveTheOwner_WhoCannotActOnTheAdmin()
    {
        var admin = await AdminAsync();
        var owner = await chat.NewUserAsync();
        var member = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(owner.UserId, "admin", isPrivate: true);
        var room = chat.Room(roomId);
        await room.Invite(owner.UserId, member.UserId);
        await room.Invite(owner.UserId, admin.UserId);

        var byOwner = await Assert.ThrowsAsync<ChatException>(() => room.Kick(owner.UserId, admin.UserId));
        var summary = await room.Update(admin.UserId, new RoomUpdate(null, "set by the admin", null));
        await room.Kick(admin.UserId, owner.UserId);

        Assert.Contains("higher role", byOwner.Message);
        Assert.Equal("set by the admin", summary.Topic);
        var members = await room.AllMembers(member.UserId);
        Assert.DoesNotContain(members, m => m.UserId == owner.UserId);
        // The room is not left without an owner: the longest-standing member takes over.
        Assert.Equal(RoomRoles.Owner, members.Single(m => m.UserId == member.UserId).Role);
    }

    [Fact]
    public async Task Admin_WhoIsNoMember_ModeratesAPrivateRoom_ButCannotRead()
    {
        var admin = await AdminAsync();
        var owner = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(owner.UserId, "unseen", isPrivate: true);
        var room = chat.Room(roomId);

        await room.Ban(admin.UserId, owner.UserId);

        await Assert.ThrowsAsync<ChatException>(() => room.GetEventsAfter(admin.UserId, 0, 10));
        await Assert.ThrowsAsync<ChatException>(() => room.Post(owner.UserId, "x", "still here?"));
    }

    [Fact]
    public async Task Admin_InARoomThatDoesNotExist_GetsTheUsualAnswer()
    {
        var admin = await AdminAsync();
        var someone = await chat.NewUserAsync();
        var missing = RoomIds.NewPrivate();

        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Room(missing).Kick(admin.UserId, someone.UserId));

        Assert.Equal($"There is no room '{missing}'.", refused.Message);
    }
}
