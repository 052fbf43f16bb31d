using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Users;

/// <summary>Hiding a direct conversation from one's list, and what brings it back.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HiddenConversationTests(ChatCluster chat)
{
    [Fact]
    public async Task HiddenConversation_LeavesTheList_AndComesBackWithANewMessage()
    {
        var alice = await chat.NewUserAsync();
        var bob = await chat.NewUserAsync();
        var dm = (await chat.User(bob.UserId).OpenDirect(alice.UserId)).Room.Id;
        await chat.Room(dm).Post(bob.UserId, "b1", "hi");
        await chat.User(alice.UserId).OpenDirect(bob.UserId);

        await chat.User(alice.UserId).HideConversation(dm);

        Assert.DoesNotContain(await chat.User(alice.UserId).GetRooms(), r => r.Room.Id == dm);
        Assert.Contains(await chat.User(bob.UserId).GetRooms(), r => r.Room.Id == dm); // only hidden for Alice
        Assert.Contains(dm, (await chat.User(alice.UserId).EnsureProfile()).Rooms); // still a member, still delivered

        await chat.Room(dm).Post(bob.UserId, "b2", "hello again");
        var listing = Assert.Single(await chat.User(alice.UserId).GetRooms(), r => r.Room.Id == dm);
        Assert.Equal(2, listing.LastSeq);
        Assert.Contains(await chat.User(alice.UserId).GetRooms(), r => r.Room.Id == dm); // no longer hidden
    }

    [Fact]
    public async Task HiddenConversation_ComesBackWhenOpenedAgain()
    {
        var alice = await chat.NewUserAsync();
        var bob = await chat.NewUserAsync();
        var dm = (await chat.User(alice.UserId).OpenDirect(bob.UserId)).Room.Id;
        await chat.User(alice.UserId).HideConversation(dm);
        Assert.DoesNotContain(await chat.User(alice.UserId).GetRooms(), r => r.Room.Id == dm);

        await chat.User(alice.UserId).OpenDirect(bob.UserId);

        Assert.Contains(await chat.User(alice.UserId).GetRooms(), r => r.Room.Id == dm);
        await chat.User(alice.UserId).HideConversation(dm);
        await chat.User(alice.UserId).JoinRoom(dm);
        Assert.Contains(await chat.User(alice.UserId).GetRooms(), r => r.Room.Id == dm);
    }

    [Fact]
    public async Task HideConversation_OfARoomOrOfOthers_IsRefused()
    {
        var alice = await chat.NewUserAsync();
        var bob = await chat.NewUserAsync();
        var carol = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(alice.UserId, "not-a-dm");
        var others = (await chat.User(bob.UserId).OpenDirect(carol.UserId)).Room.Id;

        await Assert.ThrowsAsync<ChatException>(() => chat.User(alice.UserId).HideConversation(roomId));
        var error = await Assert.ThrowsAsync<ChatException>(() => chat.User(alice.UserId).HideConversation(others));
        Assert.Equal($"There is no room '{others}'.", error.Message);
        Assert.Contains(await chat.User(alice.UserId).GetRooms(), r => r.Room.Id == roomId);
    }
}
