using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Users;

/// <summary>
/// Search is authorized by the grains: the user grain searches the rooms in its list, and each room with results must
/// still count the user as a member, so a stale list (a removal notice that never arrived) shows nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SearchAuthorizationTests(ChatCluster chat)
{
    [Fact]
    public async Task Search_InARoomTheUserGrainStillListsButNoLongerBelongsTo_ShowsNothingAndForgetsTheRoom()
    {
        var owner = await chat.NewUserAsync();
        var user = await chat.NewUserAsync();
        var room = await chat.NewRoomAsync(owner.UserId, "search");
        await chat.User(user.UserId).JoinRoom(room);
        var word = "w" + Guid.NewGuid().ToString("N")[..10];
        await chat.Room(room).Post(owner.UserId, "c1", $"the plan is {word}");
        Assert.Single((await chat.User(user.UserId).Search(word, null, null)).Hits);

        // The room lets the user go without telling the user grain (as when its one-way notice is lost).
        await chat.Room(room).Leave(user.UserId);
        Assert.Contains(room, (await chat.User(user.UserId).GetProfile())!.Rooms);

        Assert.Empty((await chat.User(user.UserId).Search(word, null, null)).Hits);
        Assert.DoesNotContain(room, (await chat.User(user.UserId).GetProfile())!.Rooms);
        Assert.Single((await chat.User(owner.UserId).Search(word, null, null)).Hits);
    }

    [Fact]
    public async Task Search_InThisRoom_OfARoomTheUserIsNotIn_IsRefused()
    {
        var owner = await chat.NewUserAsync();
        var stranger = await chat.NewUserAsync();
        var room = await chat.NewRoomAsync(owner.UserId, "search", isPrivate: true);
        await chat.Room(room).Post(owner.UserId, "c1", "private plans");

        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.User(stranger.UserId).Search("plans", room, null));
        var byName = await Assert.ThrowsAsync<ChatException>(() => chat.User(stranger.UserId).Search($"plans in:{room}", null, null));

        Assert.Equal("You are not a member of this room.", refused.Message);
        Assert.Equal($"You are in no room called '{room}'.", byName.Message);
    }
}
