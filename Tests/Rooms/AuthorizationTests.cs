using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>Every read and write is checked in the room grain, whatever the caller sends.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AuthorizationTests(ChatCluster chat)
{
    private static readonly Func<IRoomGrain, Guid, Guid, Task>[] EveryOperation =
    [
        (r, u, _) => r.Join(u, new MemberIdentity("Intruder")),
        (r, u, _) => r.Post(u, "x", "hello"),
        (r, u, _) => r.GetEventsAfter(u, 0, 10),
        (r, u, _) => r.GetEventsBefore(u, long.MaxValue, 10),
        (r, u, _) => r.GetMembers(u, null, 50),
        (r, u, _) => r.GetListing(u),
        (r, u, _) => r.Typing(u),
        (r, u, _) => r.Leave(u),
        (r, u, other) => r.Invite(u, other),
        (r, u, other) => r.Kick(u, other),
        (r, u, other) => r.Ban(u, other),
        (r, u, other) => r.Unban(u, other),
        (r, u, other) => r.SetRole(u, other, RoomRoles.Moderator),
        (r, u, _) => r.Update(u, new RoomUpdate(null, "new topic", null)),
    ];

    [Fact]
    public async Task PrivateRoom_ToANonMember_LooksExactlyLikeARoomThatDoesNotExist()
    {
        var owner = await chat.NewUserAsync();
        var stranger = await chat.NewUserAsync();
        var privateId = await chat.NewRoomAsync(owner.UserId, "secret", isPrivate: true);
        await chat.Room(privateId).Post(owner.UserId, "s", "the secret");
        var missingId = RoomIds.NewPrivate();

        for (var i = 0; i < EveryOperation.Length; i++)
        {
            var onPrivate = await Assert.ThrowsAsync<ChatException>(() => EveryOperation[i](chat.Room(privateId), stranger.UserId, owner.UserId));
            var onMissing = await Assert.ThrowsAsync<ChatException>(() => EveryOperation[i](chat.Room(missingId), stranger.UserId, owner.UserId));
            Assert.Equal(onMissing.Message.Replace(missingId, "ID"), onPrivate.Message.Replace(privateId, "ID"));
            Assert.DoesNotContain("secret", onPrivate.Message, StringComparison.OrdinalIgnoreCase);
        }
        var listed = await chat.Client.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).Search("secret", null, int.MaxValue);
        Assert.DoesNotContain(listed.Rooms, r => r.Id == privateId);
    }

    [Fact]
    public async Task PrivateRoom_OnlyModeratorsAndTheOwnerInvite()
    {
        var owner = await chat.NewUserAsync();
        var member = await chat.NewUserAsync();
        var guest = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(owner.UserId, "private", isPrivate: true);
        var room = chat.Room(roomId);
        await room.Invite(owner.UserId, member.UserId);

        var refused = await Assert.ThrowsAsync<ChatException>(() => room.Invite(member.UserId, guest.UserId));
        Assert.Contains("moderators", refused.Message);

        await room.SetRole(owner.UserId, member.UserId, RoomRoles.Moderator);
        var invited = await room.Invite(member.UserId, guest.UserId);
        Assert.Equal(guest.Name, invited.Name);
        var ack = await room.Post(guest.UserId, "g", "glad to be here");
        // After the lines of the two invitations.
        Assert.Equal(3, ack.Seq);
    }

    [Fact]
    public async Task Kick_RemovesTheMember_WhoCanNoLongerReadOrPost()
    {
        var owner = await chat.NewUserAsync();
        var member = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(owner.UserId, "kick", isPrivate: true);
        var room = chat.Room(roomId);
        await room.Invite(owner.UserId, member.UserId);

        await room.Kick(owner.UserId, member.UserId);

        await Assert.ThrowsAsync<ChatException>(() => room.Post(member.UserId, "k", "still here?"));
        await Assert.ThrowsAsync<ChatException>(() => room.GetEventsAfter(member.UserId, 0, 10));
        await Assert.ThrowsAsync<ChatException>(() => room.Join(member.UserId, new MemberIdentity(member.Name)));
        Assert.DoesNotContain(await room.AllMembers(owner.UserId), m => m.UserId == member.UserId);
    }

    [Fact]
    public async Task Ban_KeepsTheUserOutOfAPublicRoom_UntilUnbanned()
    {
        var owner = await chat.NewUserAsync();
        var troll = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(owner.UserId, "ban");
        var room = chat.Room(roomId);
        await chat.User(troll.UserId).JoinRoom(roomId);

        await room.Ban(owner.UserId, troll.UserId);

        var rejoin = await Assert.ThrowsAsync<ChatException>(() => chat.User(troll.UserId).JoinRoom(roomId));
        Assert.Contains("banned", rejoin.Message);
        await Assert.ThrowsAsync<ChatException>(() => room.Invite(owner.UserId, troll.UserId));
        await Assert.ThrowsAsync<ChatException>(() => room.Post(troll.UserId, "b", "let me in"));

        await room.Unban(owner.UserId, troll.UserId);
        await chat.User(troll.UserId).JoinRoom(roomId);
    }

    [Fact]
    public async Task Moderation_NeedsAHigherRoleThanTheTarget()
    {
        var owner = await chat.NewUserAsync();
        var moderator = await chat.NewUserAsync();
        var other = await chat.NewUserAsync();
        var member = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(owner.UserId, "roles");
        var room = chat.Room(roomId);
        foreach (var u in new[] { moderator, other, member }) await chat.User(u.UserId).JoinRoom(roomId);
        await room.SetRole(owner.UserId, moderator.UserId, RoomRoles.Moderator);
        await room.SetRole(owner.UserId, other.UserId, RoomRoles.Moderator);

        await Assert.ThrowsAsync<ChatException>(() => room.Kick(member.UserId, other.UserId));
        await Assert.ThrowsAsync<ChatException>(() => room.Kick(moderator.UserId, other.UserId));
        await Assert.ThrowsAsync<ChatException>(() => room.Ban(moderator.UserId, owner.UserId));
        await Assert.ThrowsAsync<ChatException>(() => room.SetRole(moderator.UserId, member.UserId, RoomRoles.Moderator));
        await Assert.ThrowsAsync<ChatException>(() => room.Update(moderator.UserId, new RoomUpdate(null, "mine now", null)));

        await room.Kick(moderator.UserId, member.UserId);
        await room.Kick(owner.UserId, other.UserId);
        var members = await room.AllMembers(owner.UserId);
        Assert.Equal(new[] { owner.UserId, moderator.UserId }.Order(), members.Select(m => m.UserId).Order());
    }

    [Fact]
    public async Task Update_ByTheOwner_ChangesMetadataAndVisibility()
    {
        var owner = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(owner.UserId, "meta");
        var room = chat.Room(roomId);
        var directory = chat.Client.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key);
        Assert.Contains((await directory.Search(roomId[^12..], null, 0)).Rooms, r => r.Id == roomId);

        var updated = await room.Update(owner.UserId, new RoomUpdate("Meta Renamed", "A topic\nwith a line break", IsPublic: false));

        Assert.Equal("Meta Renamed", updated.Name);
        Assert.Equal("A topic with a line break", updated.Topic);
        Assert.True(updated.IsPrivate);
        var listed = await directory.Search("Meta Renamed", null, int.MaxValue);
        Assert.DoesNotContain(listed.Rooms, r => r.Id == roomId);
        await Assert.ThrowsAsync<ChatException>(() => room.Update(owner.UserId, new RoomUpdate(null, new string('t', ChatLimits.MaxTopicLength + 1), null)));
    }

    [Fact]
    public async Task CreatingAPublicRoomWhoseIdIsAPrivateRoom_DoesNotRevealTheRoomsName()
    {
        var owner = await chat.NewUserAsync();
        var other = await chat.NewUserAsync();
        var name = $"Hidden {Guid.NewGuid().ToString("N")[..10]}";
        var roomId = (await chat.User(owner.UserId).CreateRoom(name, isPrivate: false)).Room.Id;
        await chat.Room(roomId).Update(owner.UserId, new RoomUpdate("Secret Plans", null, IsPublic: false));

        var error = await Assert.ThrowsAsync<ChatException>(() => chat.User(other.UserId).CreateRoom(name, isPrivate: false));

        Assert.DoesNotContain("Secret", error.Message);
        Assert.Contains("not available", error.Message);
    }

    [Fact]
    public async Task OwnerLeaving_PassesOwnershipToTheLongestStandingModerator()
    {
        var owner = await chat.NewUserAsync();
        var member = await chat.NewUserAsync();
        var moderator = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(owner.UserId, "heir");
        var room = chat.Room(roomId);
        await chat.User(member.UserId).JoinRoom(roomId);
        await chat.User(moderator.UserId).JoinRoom(roomId);
        await room.SetRole(owner.UserId, moderator.UserId, RoomRoles.Moderator);

        await chat.User(owner.UserId).LeaveRoom(roomId);

        var members = await room.AllMembers(member.UserId);
        Assert.Equal(RoomRoles.Owner, members.Single(m => m.UserId == moderator.UserId).Role);
    }
}
