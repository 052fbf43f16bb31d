using OrleansChat.Grains.Rooms;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>@here asks everyone online in a room for attention: only the owner and moderators may post it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HereMentionTests(ChatCluster chat)
{
    [Theory]
    [InlineData("@here standup in 5", true)]
    [InlineData("everyone (@HERE) look", true)]
    [InlineData("mail me at bob@here.org", false)]
    [InlineData("@heresy is a word", false)]
    [InlineData("here, no at sign", false)]
    public void HereMention_IsAWordOfItsOwn(string text, bool expected) => Assert.Equal(expected, HereMention.In(text));

    [Fact]
    public async Task Post_WithHere_ByAMember_IsRefused_ByTheOwnerAndAModerator_IsStored()
    {
        var owner = await chat.NewUserAsync();
        var moderator = await chat.NewUserAsync();
        var member = await chat.NewUserAsync();
        var room = await chat.NewRoomAsync(owner.UserId);
        await chat.User(moderator.UserId).JoinRoom(room);
        await chat.User(member.UserId).JoinRoom(room);
        await chat.Room(room).SetRole(owner.UserId, moderator.UserId, RoomRoles.Moderator);

        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Room(room).Post(member.UserId, "m1", "@here look"));
        await chat.Room(room).Post(member.UserId, "m2", "write to bob@here.org");
        await chat.Room(room).Post(owner.UserId, "o1", "@here meeting now");
        await chat.Room(room).Post(moderator.UserId, "d1", "@Here too");

        Assert.Equal(HereMention.RefusedMessage, refused.Message);
        var texts = (await chat.Room(room).GetEventsAfter(owner.UserId, 0, 100)).Events.Where(e => e.Kind == RoomEventKinds.Message).Select(e => e.Text);
        Assert.Equal(["write to bob@here.org", "@here meeting now", "@Here too"], texts);
    }

    [Fact]
    public async Task AnEditThatAddsHere_ByAMember_IsRefused_AndTheMessageKeepsItsText()
    {
        var owner = await chat.NewUserAsync();
        var member = await chat.NewUserAsync();
        var room = await chat.NewRoomAsync(owner.UserId);
        await chat.User(member.UserId).JoinRoom(room);
        var sent = await chat.Room(room).Post(member.UserId, "m1", "harmless");

        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Room(room).Edit(member.UserId, "e1", sent.Seq, "@here harmless"));

        Assert.Equal(HereMention.RefusedMessage, refused.Message);
        var message = (await chat.Room(room).GetEventsAfter(owner.UserId, 0, 10)).Events.Single(e => e.Seq == sent.Seq);
        Assert.Equal("harmless", message.Text);
    }
}
