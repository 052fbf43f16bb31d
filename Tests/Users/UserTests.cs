using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Users;

[Collection(ClusterCollection.Name)]
public sealed class UserTests(ChatCluster chat)
{
    [Fact]
    public async Task EnsureProfile_NewUsers_GetDistinctGeneratedNames()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => chat.NewUserAsync()));

        Assert.Equal(users.Length, users.Select(u => UserNames.Normalize(u.Name)).Distinct().Count());
        Assert.All(users, u => Assert.Null(UserNames.Validate(u.Name)));
        Assert.All(users, u => Assert.Empty(u.Rooms));
        foreach (var u in users)
        {
            foreach (var key in UserNames.Keys(u.Name))
                Assert.Equal(u.UserId, await chat.Client.GetGrain<IUserNameGrain>(key).GetOwner());
        }
    }

    [Fact]
    public async Task EnsureProfile_Again_ReturnsTheSameName()
    {
        var user = await chat.NewUserAsync();

        var again = await chat.User(user.UserId).EnsureProfile();

        Assert.Equal(user.Name, again.Name);
    }

    [Fact]
    public async Task Rename_ToAFreeName_TakesItAndReleasesTheOldOne()
    {
        var user = await chat.NewUserAsync();
        var other = await chat.NewUserAsync();
        var newName = $"Renamed {Guid.NewGuid().ToString("N")[..8]}";

        var renamed = await chat.User(user.UserId).Rename($"  {newName} ");

        Assert.Equal(newName, renamed.Name);
        Assert.Equal(newName, (await chat.User(user.UserId).GetProfile())!.Name);
        // The old name is free again: someone else can take it.
        var taken = await chat.User(other.UserId).Rename(user.Name);
        Assert.Equal(user.Name, taken.Name);
    }

    [Fact]
    public async Task Rename_ToANameSomeoneHas_IsRefusedWhateverTheCase()
    {
        var user = await chat.NewUserAsync();
        var other = await chat.NewUserAsync();

        var error = await Assert.ThrowsAsync<ChatException>(() => chat.User(user.UserId).Rename(other.Name.ToUpperInvariant()));

        Assert.Contains("taken", error.Message);
        Assert.Equal(user.Name, (await chat.User(user.UserId).GetProfile())!.Name);
    }

    [Theory]
    [InlineData("\u0410mber")] // the first letter Cyrillic
    [InlineData("\uff21\uff4d\uff42\uff45\uff52")] // full-width
    [InlineData("AMBER")]
    public async Task Rename_ToANameThatLooksLikeSomeonesName_IsRefused(string lookAlike)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var holder = await chat.NewUserAsync();
        await chat.User(holder.UserId).Rename($"Amber {suffix}");
        var user = await chat.NewUserAsync();

        var error = await Assert.ThrowsAsync<ChatException>(() => chat.User(user.UserId).Rename($"{lookAlike} {suffix}"));

        Assert.Contains("looks like a name that is taken", error.Message);
        Assert.Equal(user.Name, (await chat.User(user.UserId).GetProfile())!.Name);
    }

    [Fact]
    public async Task Rename_ReleasesEveryKeyOfTheOldName()
    {
        var user = await chat.NewUserAsync();
        var oldName = user.Name;

        await chat.User(user.UserId).Rename($"Moved {Guid.NewGuid().ToString("N")[..8]}");

        foreach (var key in UserNames.Keys(oldName))
            Assert.Null(await chat.Client.GetGrain<IUserNameGrain>(key).GetOwner());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("<script>")]
    [InlineData("Amber\u200bHeron")]
    [InlineData("\u202eAmber Heron")]
    [InlineData("this name is far far too long to be a name")]
    public async Task Rename_ToAnInvalidName_IsRefused(string name)
    {
        var user = await chat.NewUserAsync();

        await Assert.ThrowsAsync<ChatException>(() => chat.User(user.UserId).Rename(name));

        Assert.Equal(user.Name, (await chat.User(user.UserId).GetProfile())!.Name);
    }

    [Fact]
    public async Task Rename_UpdatesTheMemberListsOfTheUsersRooms()
    {
        var user = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(user.UserId);
        var newName = $"Member {Guid.NewGuid().ToString("N")[..8]}";

        await chat.User(user.UserId).Rename(newName);

        var members = await chat.Room(roomId).AllMembers(user.UserId);
        Assert.Equal(newName, members.Single(m => m.UserId == user.UserId).Name);
    }

    [Fact]
    public async Task CreateRoom_WithAnExistingName_IsRefused()
    {
        var user = await chat.NewUserAsync();
        var name = $"Dup {Guid.NewGuid():N}";
        await chat.User(user.UserId).CreateRoom(name, false);

        var error = await Assert.ThrowsAsync<ChatException>(() => chat.User(user.UserId).CreateRoom(name.ToUpperInvariant(), false));

        Assert.Contains("exists", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("a room name that is much longer than forty characters")]
    public async Task CreateRoom_WithAnInvalidName_IsRefused(string name)
    {
        var user = await chat.NewUserAsync();

        await Assert.ThrowsAsync<ChatException>(() => chat.User(user.UserId).CreateRoom(name, false));
    }

    [Fact]
    public async Task JoinAndLeave_KeepTheUsersRoomListAndTheRoomsMembersInStep()
    {
        var owner = await chat.NewUserAsync();
        var user = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(owner.UserId);

        var joined = await chat.User(user.UserId).JoinRoom(roomId);
        Assert.Contains(joined.Members, m => m.UserId == user.UserId);
        Assert.Contains(roomId, (await chat.User(user.UserId).GetProfile())!.Rooms);

        await chat.User(user.UserId).LeaveRoom(roomId);
        Assert.DoesNotContain(roomId, (await chat.User(user.UserId).GetProfile())!.Rooms);
        Assert.DoesNotContain(await chat.Room(roomId).AllMembers(owner.UserId), m => m.UserId == user.UserId);
        await Assert.ThrowsAsync<ChatException>(() => chat.Room(roomId).Post(user.UserId, "x", "after leaving"));
    }

    [Fact]
    public async Task PublicRooms_AreListedWithTheLobbyFirst()
    {
        var user = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(user.UserId, "listed");

        var directory = chat.Client.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key);
        var first = await directory.Search(null, null, 0);
        var found = await directory.Search(roomId[^12..], null, 0);

        Assert.Equal(ChatLimits.LobbyId, first.Rooms[0].Id);
        Assert.Contains(found.Rooms, r => r.Id == roomId);
    }
}
