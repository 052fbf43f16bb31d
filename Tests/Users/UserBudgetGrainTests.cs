using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Users;

/// <summary>
/// The user grain refuses rooms, invitations and direct conversations past the user's budget (the defaults of
/// <c>Chat:Users</c>: bursts of 20 rooms, 30 invitations, 30 conversations), and the refusal changes nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UserBudgetGrainTests(ChatCluster chat)
{
    [Fact]
    public async Task CreateRoom_PastTheBurst_IsRefused_AndNoRoomIsMade()
    {
        var user = await chat.NewUserAsync();
        var grain = chat.User(user.UserId);
        for (var i = 0; i < 20; i++) await grain.CreateRoom($"burst {i}", isPrivate: true);

        var refused = await Assert.ThrowsAsync<ChatException>(() => grain.CreateRoom("one too many", isPrivate: true));

        Assert.Contains("creating rooms too fast", refused.Message);
        Assert.Equal(20, (await grain.GetRooms()).Count);
    }

    [Fact]
    public async Task Invite_PastTheBurst_IsRefused_OverAllRooms()
    {
        var inviter = await chat.NewUserAsync();
        var first = await chat.NewRoomAsync(inviter.UserId, "inv a", isPrivate: true);
        var second = await chat.NewRoomAsync(inviter.UserId, "inv b", isPrivate: true);
        var guests = await Task.WhenAll(Enumerable.Range(0, 31).Select(_ => chat.NewUserAsync()));
        for (var i = 0; i < 30; i++) await chat.Room(i % 2 == 0 ? first : second).Invite(inviter.UserId, guests[i].UserId);

        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Room(first).Invite(inviter.UserId, guests[30].UserId));

        Assert.Contains("inviting people too fast", refused.Message);
        Assert.DoesNotContain(await chat.Room(first).AllMembers(inviter.UserId), m => m.UserId == guests[30].UserId);
        // Asking for someone who is a member already costs nothing and still answers.
        Assert.Equal(guests[0].UserId, (await chat.Room(first).Invite(inviter.UserId, guests[0].UserId)).UserId);
    }

    [Fact]
    public async Task OpenDirect_NewConversationsPastTheBurst_AreRefused_ExistingOnesStillOpen()
    {
        var user = await chat.NewUserAsync();
        var grain = chat.User(user.UserId);
        var peers = await Task.WhenAll(Enumerable.Range(0, 31).Select(_ => chat.NewUserAsync()));
        for (var i = 0; i < 30; i++) await grain.OpenDirect(peers[i].UserId);

        var refused = await Assert.ThrowsAsync<ChatException>(() => grain.OpenDirect(peers[30].UserId));
        var reopened = await grain.OpenDirect(peers[0].UserId);

        Assert.Contains("starting conversations too fast", refused.Message);
        Assert.Equal(RoomIds.Direct(user.UserId, peers[0].UserId), reopened.Room.Id);
        Assert.DoesNotContain((await chat.User(peers[30].UserId).GetProfile())!.Rooms, r => r.StartsWith("dm-"));
    }
}
