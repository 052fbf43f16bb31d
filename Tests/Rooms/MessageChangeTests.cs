using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>Edits, deletes, reactions, replies and pins: the rules the room grain checks and what history shows.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MessageChangeTests(ChatCluster chat)
{
    private async Task<(IRoomGrain Room, string Id, UserProfile Owner, UserProfile Member)> RoomWithMemberAsync()
    {
        var owner = await chat.NewUserAsync();
        var member = await chat.NewUserAsync();
        var id = await chat.NewRoomAsync(owner.UserId);
        await chat.User(member.UserId).JoinRoom(id);
        return (chat.Room(id), id, owner, member);
    }

    private static string Id() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Edit_ByTheAuthor_IsAnEventOfTheSequence_AndHistoryShowsTheNewText()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        await room.Post(member.UserId, "m1", "helo");

        var ack = await room.Edit(member.UserId, "e1", 1, "hello");

        Assert.Equal(2, ack.Seq);
        var page = await room.GetEventsAfter(owner.UserId, 0, 10);
        Assert.Equal("hello", page.Events[0].Text);
        Assert.Equal(ack.At, page.Events[0].EditedAt);
        Assert.Equal((RoomEventKinds.Edit, 1L, "hello"), (page.Events[1].Kind, page.Events[1].TargetSeq!.Value, page.Events[1].Text));
        Assert.Equal(page.Events, (await room.GetEventsBefore(owner.UserId, 3, 10)).Events);
    }

    [Fact]
    public async Task Edit_IsRefused_ForAnotherAuthor_ADeletedMessage_ANonMessage_AMissingSeq_AndEmptyText()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        await room.Post(member.UserId, "m1", "one");
        await room.Post(member.UserId, "m2", "two");
        await room.Delete(member.UserId, "d2", 2);

        Assert.Equal("Only its author can edit a message.", (await Assert.ThrowsAsync<ChatException>(() => room.Edit(owner.UserId, Id(), 1, "x"))).Message);
        Assert.Equal("A deleted message cannot be edited.", (await Assert.ThrowsAsync<ChatException>(() => room.Edit(member.UserId, Id(), 2, "x"))).Message);
        Assert.Equal("Event 3 is not a message.", (await Assert.ThrowsAsync<ChatException>(() => room.Edit(member.UserId, Id(), 3, "x"))).Message);
        Assert.Equal("There is no message 9 in this room.", (await Assert.ThrowsAsync<ChatException>(() => room.Edit(member.UserId, Id(), 9, "x"))).Message);
        Assert.Equal("There is no message 0 in this room.", (await Assert.ThrowsAsync<ChatException>(() => room.Edit(member.UserId, Id(), 0, "x"))).Message);
        await Assert.ThrowsAsync<ChatException>(() => room.Edit(member.UserId, Id(), 1, " \u202E "));
        var stranger = await chat.NewUserAsync();
        await Assert.ThrowsAsync<ChatException>(() => room.Edit(stranger.UserId, Id(), 1, "x"));
        Assert.Equal(3, (await room.GetEventsAfter(owner.UserId, 0, 10)).LastSeq);
    }

    [Fact]
    public async Task Change_RetriedWithItsClientMsgId_IsStoredOnce()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        await room.Post(member.UserId, "m1", "one");

        var acks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => room.Edit(member.UserId, "same", 1, "uno")));
        var later = await room.Edit(member.UserId, "same", 1, "uno");

        Assert.All(acks, a => Assert.Equal(2, a.Seq));
        Assert.True(later.Duplicate);
        Assert.Equal(2, (await room.GetEventsAfter(owner.UserId, 0, 10)).LastSeq);
    }

    [Fact]
    public async Task Delete_ByTheAuthor_EmptiesTheMessageAndItsEditsInHistory()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        await room.Post(member.UserId, "m1", "oops, my password is hunter2");
        await room.Edit(member.UserId, "e1", 1, "still hunter2");

        var ack = await room.Delete(member.UserId, "d1", 1);

        var events = (await room.GetEventsAfter(owner.UserId, 0, 10)).Events;
        Assert.Equal(3, ack.Seq);
        Assert.True(events[0].Deleted);
        Assert.All(events, e => Assert.DoesNotContain("hunter2", e.Text, StringComparison.Ordinal));
        Assert.Equal((RoomEventKinds.Delete, 1L), (events[2].Kind, events[2].TargetSeq!.Value));
        Assert.Equal("That message was deleted already.", (await Assert.ThrowsAsync<ChatException>(() => room.Delete(owner.UserId, Id(), 1))).Message);
    }

    [Fact]
    public async Task Delete_OfAnothersMessage_ByOwnerModeratorAndSiteAdmin_IsAllowed_ByAMember_IsRefused()
    {
        var (room, id, owner, member) = await RoomWithMemberAsync();
        var moderator = await chat.NewUserAsync();
        await chat.User(moderator.UserId).JoinRoom(id);
        await room.SetRole(owner.UserId, moderator.UserId, RoomRoles.Moderator);
        await chat.User(ChatCluster.AdminId).EnsureProfile();
        for (var i = 1; i <= 3; i++) await room.Post(owner.UserId, $"o{i}", $"owner's {i}");
        await room.Post(member.UserId, "m4", "member's");

        var refused = await Assert.ThrowsAsync<ChatException>(() => room.Delete(member.UserId, Id(), 1));
        Assert.Equal("Only its author, moderators and the owner can delete a message.", refused.Message);
        await room.Delete(moderator.UserId, Id(), 1);
        await room.Delete(ChatCluster.AdminId, Id(), 2);
        await room.Delete(owner.UserId, Id(), 4);

        var events = (await room.GetEventsAfter(owner.UserId, 0, 10)).Events;
        Assert.Equal([true, true, false, true], events.Take(4).Select(e => e.Deleted));
    }

    [Fact]
    public async Task Delete_InADirectConversation_OnlyByItsAuthor()
    {
        var a = await chat.NewUserAsync();
        var b = await chat.NewUserAsync();
        var room = chat.Room((await chat.User(a.UserId).OpenDirect(b.UserId)).Room.Id);
        await room.Post(a.UserId, "a1", "hi");

        var refused = await Assert.ThrowsAsync<ChatException>(() => room.Delete(b.UserId, Id(), 1));

        Assert.Equal("In a direct conversation only its author can delete a message.", refused.Message);
        await room.Delete(a.UserId, Id(), 1);
        await Assert.ThrowsAsync<ChatException>(() => room.Delete(ChatCluster.AdminId, Id(), 1));
    }

    [Fact]
    public async Task History_ShowsAnEditThatCame2000EventsAfterItsTarget()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        await room.Post(member.UserId, "first", "the first version");
        for (var batch = 0; batch < 20; batch++)
            await room.PostMany(owner.UserId, [.. Enumerable.Range(0, 100).Select(i => new PostRequest($"b{batch}-{i}", $"filler {batch}-{i}"))]);

        var edit = await room.Edit(member.UserId, "edit", 1, "the second version");
        await room.React(owner.UserId, "react", 1, "👍", add: true);

        Assert.Equal(2002, edit.Seq);
        var oldest = (await room.GetEventsBefore(owner.UserId, 51, 50)).Events;
        Assert.Equal(1, oldest[0].Seq);
        Assert.Equal("the second version", oldest[0].Text);
        Assert.Equal(edit.At, oldest[0].EditedAt);
        Assert.Equal("👍", Assert.Single(oldest[0].Reactions!).Emoji);
        Assert.Equal("the second version", (await room.GetEventsAfter(owner.UserId, 0, 1)).Events[0].Text);
    }

    [Fact]
    public async Task ConcurrentReactions_OnAMessageOlderThanTheTail_AreAllKept()
    {
        var (room, id, owner, _) = await RoomWithMemberAsync();
        await room.Post(owner.UserId, "first", "react to me");
        await room.PostMany(owner.UserId, [.. Enumerable.Range(0, 100).Select(i => new PostRequest($"f{i}", $"filler {i}"))]);
        for (var batch = 0; batch < 5; batch++)
            await room.PostMany(owner.UserId, [.. Enumerable.Range(0, 100).Select(i => new PostRequest($"g{batch}-{i}", "filler"))]);
        var users = new List<UserProfile>();
        for (var i = 0; i < 12; i++)
        {
            var u = await chat.NewUserAsync();
            await chat.User(u.UserId).JoinRoom(id);
            users.Add(u);
        }

        await Task.WhenAll(users.Select((u, i) => room.React(u.UserId, "r", 1, i % 2 == 0 ? "👍" : "🎉", add: true)));

        var message = (await room.GetEventsAfter(owner.UserId, 0, 1)).Events[0];
        Assert.Equal(12, message.Reactions!.Sum(r => r.Users.Count));
        Assert.Equal(["👍", "🎉"], message.Reactions!.Select(r => r.Emoji).Order().Reverse());
    }

    [Fact]
    public async Task React_AddsAndRemoves_OneOfEachPerUser_WithinTheLimits()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        await room.Post(owner.UserId, "m1", "plan: pizza at 8");

        await room.React(owner.UserId, Id(), 1, "👍", add: true);
        var ack = await room.React(member.UserId, Id(), 1, "👍🏽", add: true);
        await room.React(member.UserId, Id(), 1, "👍", add: true);

        var events = (await room.GetEventsAfter(owner.UserId, 0, 10)).Events;
        Assert.Equal("👍:" + owner.UserId + "," + member.UserId + ";👍🏽:" + member.UserId, Describe(events[0].Reactions));
        Assert.Equal(Describe(events[0].Reactions), Describe(events[3].Reactions));
        Assert.Equal(RoomEventKinds.Reaction, events[2].Kind);
        Assert.Equal("👍🏽", events[2].Text);
        Assert.Equal(3, ack.Seq);
        Assert.Equal("You reacted with that emoji already.", (await Assert.ThrowsAsync<ChatException>(() => room.React(owner.UserId, Id(), 1, "👍", true))).Message);
        Assert.Equal("You have not reacted with that emoji.", (await Assert.ThrowsAsync<ChatException>(() => room.React(owner.UserId, Id(), 1, "🎉", false))).Message);
        Assert.Equal("A reaction is one emoji.", (await Assert.ThrowsAsync<ChatException>(() => room.React(owner.UserId, Id(), 1, "👍👍", true))).Message);
        Assert.Equal("A reaction is one emoji.", (await Assert.ThrowsAsync<ChatException>(() => room.React(owner.UserId, Id(), 1, "a", true))).Message);
        var stranger = await chat.NewUserAsync();
        await Assert.ThrowsAsync<ChatException>(() => room.React(stranger.UserId, Id(), 1, "🎉", true));

        await room.React(owner.UserId, Id(), 1, "👍", add: false);
        await room.React(member.UserId, Id(), 1, "👍🏽", add: false);
        Assert.Equal("👍:" + member.UserId, Describe((await room.GetEventsAfter(owner.UserId, 0, 1)).Events[0].Reactions));
    }

    [Fact]
    public async Task React_BeyondTwentyDifferentEmoji_IsRefused()
    {
        var (room, _, owner, _) = await RoomWithMemberAsync();
        await room.Post(owner.UserId, "m1", "vote");
        string[] emoji = ["😀", "😁", "😂", "🤣", "😃", "😄", "😅", "😆", "😉", "😊", "😋", "😎", "😍", "😘", "🥰", "😗", "😙", "😚", "🙂", "🤗", "🤩"];

        for (var i = 0; i < 20; i++) await room.React(owner.UserId, Id(), 1, emoji[i], add: true);
        var refused = await Assert.ThrowsAsync<ChatException>(() => room.React(owner.UserId, Id(), 1, emoji[20], add: true));

        Assert.Equal("A message can have at most 20 different reactions.", refused.Message);
    }

    [Fact]
    public async Task Reply_CarriesItsOriginal_AndIsRefusedForAMissingOrDeletedOne()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        await room.Post(owner.UserId, "m1", "who brings drinks?");
        await room.Post(owner.UserId, "m2", "never mind");
        await room.Delete(owner.UserId, "d2", 2);

        var ack = await room.Reply(member.UserId, "r1", 1, "me");
        var many = await room.PostMany(member.UserId, [new PostRequest("r2", "and me", ReplyTo: 1), new PostRequest("r3", "?", ReplyTo: 2)]);

        var events = (await room.GetEventsAfter(owner.UserId, 0, 10)).Events;
        var bySeq = events.ToDictionary(e => e.Seq);
        Assert.Equal((RoomEventKinds.Message, 1L), (bySeq[ack.Seq].Kind, bySeq[ack.Seq].TargetSeq!.Value));
        Assert.Equal(1L, bySeq[many[0].Result!.Seq].TargetSeq);
        Assert.Equal("That message was deleted: it cannot be replied to.", many[1].Error);
        Assert.Equal("There is no message 99 in this room.", (await Assert.ThrowsAsync<ChatException>(() => room.Reply(member.UserId, "r4", 99, "x"))).Message);
    }

    [Fact]
    public async Task Pin_ByModeratorsAndTheOwner_ListsAsPinned_AndIsRefusedToMembers()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        await room.Post(member.UserId, "m1", "the rules");
        await room.Post(member.UserId, "m2", "the schedule");

        var refused = await Assert.ThrowsAsync<ChatException>(() => room.Pin(member.UserId, Id(), 1, true));
        await room.Pin(owner.UserId, Id(), 2, true);
        await room.Pin(owner.UserId, Id(), 1, true);

        Assert.Equal("Only moderators and the owner can pin messages.", refused.Message);
        Assert.Equal([1L, 2L], (await room.GetPinned(member.UserId)).Select(e => e.Seq));
        Assert.Equal("That message is pinned already.", (await Assert.ThrowsAsync<ChatException>(() => room.Pin(owner.UserId, Id(), 1, true))).Message);
        await room.Pin(owner.UserId, Id(), 1, false);
        await room.Delete(member.UserId, Id(), 2);
        Assert.Empty(await room.GetPinned(member.UserId));
        var events = (await room.GetEventsAfter(owner.UserId, 0, 10)).Events;
        Assert.Equal([true, true, false], events.Where(e => e.Kind == RoomEventKinds.Pin).Select(e => e.Pinned));
    }

    [Fact]
    public async Task Pin_InADirectConversation_ByEitherMember()
    {
        var a = await chat.NewUserAsync();
        var b = await chat.NewUserAsync();
        var room = chat.Room((await chat.User(a.UserId).OpenDirect(b.UserId)).Room.Id);
        await room.Post(a.UserId, "a1", "address: 1 Main St");

        await room.Pin(b.UserId, Id(), 1, true);

        Assert.Equal(1, Assert.Single(await room.GetPinned(a.UserId)).Seq);
    }

    [Fact]
    public async Task BanAndDelete_DeletesTheBannedUsersMessagesOfThePeriod_AndOnlyThose()
    {
        var (room, id, owner, member) = await RoomWithMemberAsync();
        var other = await chat.NewUserAsync();
        await chat.User(other.UserId).JoinRoom(id);
        await room.Post(member.UserId, "s1", "spam 1");
        await room.Post(other.UserId, "o1", "fine");
        await room.Post(member.UserId, "s2", "spam 2");
        await room.Post(member.UserId, "s3", "spam 3");
        await room.Delete(member.UserId, "d3", 4);

        var refused = await Assert.ThrowsAsync<ChatException>(() => room.BanAndDelete(owner.UserId, member.UserId, 169));
        var deleted = await room.BanAndDelete(owner.UserId, member.UserId, 24);

        Assert.Equal("A ban can delete the messages of the last 0 to 168 hours.", refused.Message);
        Assert.Equal(2, deleted);
        var events = (await room.GetEventsAfter(owner.UserId, 0, 20)).Events;
        Assert.Equal([true, false, true, true], events.Take(4).Select(e => e.Deleted));
        Assert.All(events, e => Assert.DoesNotContain("spam", e.Text, StringComparison.Ordinal));
        Assert.Equal(2, events.Count(e => e.Kind == RoomEventKinds.Delete && e.AuthorId == owner.UserId));
        await Assert.ThrowsAsync<ChatException>(() => chat.User(member.UserId).JoinRoom(id));
        var member2 = await chat.NewUserAsync();
        await chat.User(member2.UserId).JoinRoom(id);
        await Assert.ThrowsAsync<ChatException>(() => room.BanAndDelete(member2.UserId, other.UserId, 1));
    }

    [Fact]
    public async Task RacingChanges_AreCheckedInSequenceOrder_OneOfTwoDeletesAndNoEditAfterADelete()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        for (var i = 1; i <= 20; i++) await room.Post(member.UserId, $"m{i}", $"secret {i}");

        // Fired together, so both pass the check on arrival; the second to be sequenced finds the message deleted.
        var succeeded = await Task.WhenAll(Enumerable.Range(1, 10).Select(async seq =>
            (await Task.WhenAll(Outcome(room.Delete(owner.UserId, Id(), seq)), Outcome(room.Delete(member.UserId, Id(), seq)))).Count(ok => ok)));
        await Task.WhenAll(Enumerable.Range(11, 10).Select(seq =>
            Task.WhenAll(Outcome(room.Edit(member.UserId, Id(), seq, $"edited {seq}")), Outcome(room.Delete(member.UserId, Id(), seq)))));

        Assert.All(succeeded, count => Assert.Equal(1, count));
        var events = (await room.GetEventsAfter(owner.UserId, 0, 100)).Events;
        Assert.All(events.Take(20), e => Assert.True(e.Deleted));
        Assert.All(events, e => Assert.DoesNotContain("secret", e.Text, StringComparison.Ordinal));
        Assert.All(events, e => Assert.DoesNotContain("edited", e.Text, StringComparison.Ordinal));
        Assert.Equal(20, events.Count(e => e.Kind == RoomEventKinds.Delete));
        await Assert.ThrowsAsync<ChatException>(() => room.Edit(member.UserId, Id(), 11, "too late"));
    }

    [Fact]
    public async Task ChangedMessages_ReadTheSameAfterTheRoomReactivates()
    {
        var (room, id, owner, member) = await RoomWithMemberAsync();
        await room.Post(member.UserId, "m1", "one");
        await room.Post(member.UserId, "m2", "two");
        await room.Edit(member.UserId, "e1", 1, "uno");
        await room.React(owner.UserId, "r2", 2, "🎉", true);
        await room.Pin(owner.UserId, "p2", 2, true);
        var before = (await room.GetEventsAfter(owner.UserId, 0, 10)).Events;

        await chat.Cluster.DeactivateAsync(chat.Cluster.Client.GetGrain<IRoomGrain>(id));
        var after = (await room.GetEventsAfter(owner.UserId, 0, 10)).Events;

        Assert.Equal(before.Select(Show), after.Select(Show));
        Assert.Equal("uno", after[0].Text);
        Assert.True(after[1].Pinned);
        Assert.Equal(await room.Edit(member.UserId, "e1", 1, "uno"), (await room.Edit(member.UserId, "e1", 1, "uno")) with { Duplicate = true });
    }

    private static string Show(RoomEvent e) =>
        $"{e.Seq} {e.Kind} {e.Text} {e.TargetSeq} {e.At:O} {e.EditedAt:O} {e.Deleted} {Describe(e.Reactions)} {e.Pinned}";

    private static async Task<bool> Outcome(Task<PostResult> change)
    {
        try
        {
            await change;
            return true;
        }
        catch (ChatException)
        {
            return false;
        }
    }

    private static string Describe(IReadOnlyList<Reaction>? reactions) =>
        reactions is null ? "none" : string.Join(";", reactions.Select(r => r.Emoji + ":" + string.Join(",", r.Users)));
}
