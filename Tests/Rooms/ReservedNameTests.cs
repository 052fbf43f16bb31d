using OrleansChat.Grains.Rooms;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>No room is called "Lobby" or a configured reserved name, however it is spelt.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReservedNameTests(ChatCluster chat)
{
    [Theory]
    [InlineData("Lobby")]
    [InlineData("LOBBY")]
    [InlineData(" lo bby ")]
    [InlineData("Lo-b_by")]
    [InlineData("Lоbby")] // Cyrillic о
    [InlineData("Ｌｏｂｂｙ")] // full-width
    [InlineData("announcements")]
    public void ReservedNames_AreFoundIgnoringCaseSeparatorsAndLookAlikes(string name)
    {
        var reserved = new ReservedRoomNames(["Announcements"]);

        Assert.True(reserved.IsReserved(name));
    }

    [Theory]
    [InlineData("Lobby talk")]
    [InlineData("Hobby")]
    public void OtherNames_AreNotReserved(string name) => Assert.False(new ReservedRoomNames([]).IsReserved(name));

    [Theory]
    [InlineData("Lobby", true)]
    [InlineData("Lоbby", false)] // Cyrillic о: its slug differs, so only the reserved-name rule stops it
    [InlineData("Announcements", false)]
    public async Task CreateRoom_WithAReservedName_IsRefusedWithAClearError(string name, bool isPrivate)
    {
        var user = await chat.NewUserAsync();

        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.User(user.UserId).CreateRoom(name, isPrivate));

        Assert.Contains("reserved name", refused.Message);
    }

    [Fact]
    public async Task RenameRoom_ToAReservedName_IsRefused_AndTheNameKept()
    {
        var owner = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(owner.UserId, "renamed", isPrivate: true);

        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Room(roomId).Update(owner.UserId, new RoomUpdate("LOBBY", null, null)));

        Assert.Contains("reserved name", refused.Message);
        var listing = await chat.Room(roomId).GetListing(owner.UserId);
        Assert.StartsWith("renamed", listing.Room.Name);
    }
}
