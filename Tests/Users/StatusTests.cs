using Orleans.Core.Internal;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Users;

/// <summary>A user's status text: checked by the user grain, stored with the user, shown by every room of the user.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StatusTests(ChatCluster chat)
{
    [Fact]
    public async Task SetStatus_IsTrimmed_PushedToTheRoomsMembers_AndShownInTheMemberList()
    {
        var alice = await chat.NewUserAsync();
        var bob = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(bob.UserId);
        await chat.User(alice.UserId).JoinRoom(roomId);
        var observer = new RecordingObserver();
        await chat.Room(roomId).Subscribe("gw-status", chat.Client.CreateObjectReference<IRoomObserver>(observer), [bob.UserId], 0, Guid.Empty, GatewayVersion.Next());

        var profile = await chat.User(alice.UserId).SetStatus("  In a meeting until 3  ");

        Assert.Equal("In a meeting until 3", profile.Status);
        await observer.WaitUntil(o => o.Changes(roomId).Any(c => c.Kind == MemberChangeKinds.Profile && c.Member.Status == "In a meeting until 3"),
            "alice's status pushed to bob");
        var seen = (await chat.Room(roomId).AllMembers(bob.UserId)).Single(m => m.UserId == alice.UserId);
        Assert.Equal("In a meeting until 3", seen.Status);
        Assert.Equal(alice.Name, seen.Name);
        GC.KeepAlive(observer);
    }

    [Fact]
    public async Task Status_SurvivesADeactivationOfTheUser_AndGoesWithTheUserIntoNewRooms()
    {
        var user = await chat.NewUserAsync();
        await chat.User(user.UserId).SetStatus("On holiday");

        await chat.User(user.UserId).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var profile = await chat.User(user.UserId).EnsureProfile();
        var joined = await chat.User(user.UserId).CreateRoom($"status {Guid.NewGuid().ToString("N")[..12]}", false);

        Assert.Equal("On holiday", profile.Status);
        Assert.Equal("On holiday", joined.Members.Single(m => m.UserId == user.UserId).Status);
    }

    [Fact]
    public async Task BlankStatus_ClearsIt_InTheRoomsToo()
    {
        var user = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(user.UserId);
        await chat.User(user.UserId).SetStatus("Busy");

        var profile = await chat.User(user.UserId).SetStatus("   ");

        Assert.Null(profile.Status);
        Assert.Null((await chat.Room(roomId).AllMembers(user.UserId)).Single().Status);
    }

    [Theory]
    [InlineData("two\nlines", "line breaks")]
    [InlineData("a\ttab", "control characters")]
    [InlineData("evil \u202Etxt.exe", "text-direction")]
    public async Task SetStatus_WithALineBreakOrControlCharacter_IsRefused_AndTheOldStatusKept(string text, string words)
    {
        var user = await chat.NewUserAsync();
        await chat.User(user.UserId).SetStatus("Fine");

        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.User(user.UserId).SetStatus(text));

        Assert.Contains(words, refused.Message);
        Assert.Equal("Fine", (await chat.User(user.UserId).EnsureProfile()).Status);
    }

    [Fact]
    public async Task SetStatus_LongerThanTheLimit_IsRefused()
    {
        var user = await chat.NewUserAsync();

        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.User(user.UserId).SetStatus(new string('x', 81)));

        Assert.Equal("A status has at most 80 characters.", refused.Message);
        Assert.Equal(new string('x', 80), (await chat.User(user.UserId).SetStatus(new string('x', 80))).Status);
    }
}
