using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>Edits, deletes, reactions, replies and pins: the rules the room grain checks and what history shows.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MessageChangeTests(ChatCluster chat)
{
    /// <summary>A room of an owner and a member: the member's join is its event 1, so its first message is event 2.</summary>
    private async Task<(IRoomGrain Room, string Id, UserProfile Owner, UserProfile Member)> RoomWithMemberAsync()
    {
        var owner = await chat.NewUserAsync();
        var member = await chat.NewUserAsync();
        var id = await chat.NewRoomAsync(owner.UserId);
        await chat.User(member.UserId).JoinRoom(id);
        return (chat.Room(id), id, owner, member);
    }

    /// <summary>The messages and changes after the member's join (event 1), oldest first.</summary>
    private static async Task<IReadOnlyList<RoomEvent>> AfterJoinAsync(IRoomGrain room, Guid reader, int limit = 10) =>
        (await room.GetEventsAfter(reader, 1, limit)).Events;

    private static string Id() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Edit_ByTheAuthor_IsAnEventOfTheSequence_AndHistoryShowsTheNewText()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        var m1 = (await room.Post(member.UserId, "m1", "helo")).Seq;

        var ack = await room.Edit(member.UserId, "e1", m1, "hello");

        Assert.Equal(m1 + 1, ack.Seq);
        var page = await room.GetEventsAfter(owner.UserId, m1 - 1, 10);
        Assert.Equal("hello", page.Events[0].Text);
        Assert.Equal(ack.At, page.Events[0].EditedAt);
        Assert.Equal((RoomEventKinds.Edit, m1, "hello"), (page.Events[1].Kind, page.Events[1].TargetSeq!.Value, page.Events[1].Text));
        Assert.Equal(page.Events, (await room.GetEventsBefore(owner.UserId, ack.Seq + 1, 2)).Events);
    }

    [Fact]
    public async Task Edit_IsRefused_ForAnotherAuthor_ADeletedMessage_ANonMessage_AMissingSeq_AndEmptyText()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        var m1 = (await room.Post(member.UserId, "m1", "one")).Seq;
        var m2 = (await room.Post(member.UserId, "m2", "two")).Seq;
        var d2 = (await room.Delete(member.UserId, "d2", m2)).Seq;

        Assert.Equal("Only its author can edit a message.", (await Assert.ThrowsAsync<ChatException>(() => room.Edit(owner.UserId, Id(), m1, "x"))).Message);
        Assert.Equal("A deleted message cannot be edited.", (await Assert.ThrowsAsync<ChatException>(() => room.Edit(member.UserId, Id(), m2, "x"))).Message);
        Assert.Equal($"Event {d2} is not a message.", (await Assert.ThrowsAsync<ChatException>(() => room.Edit(member.UserId, Id(), d2, "x"))).Message);
        // The member's join: a system line is not a message either.
        Assert.Equal("Event 1 is not a message.", (await Assert.ThrowsAsync<ChatException>(() => room.Edit(member.UserId, Id(), 1, "x"))).Message);
        Assert.Equal("There is no message 9 in this room.", (await Assert.ThrowsAsync<ChatException>(() => room.Edit(member.UserId, Id(), 9, "x"))).Message);
        Assert.Equal("There is no message 0 in this room.", (await Assert.ThrowsAsync<ChatException>(() => room.Edit(member.UserId, Id(), 0, "x"))).Message);
        await Assert.ThrowsAsync<ChatException>(() => room.Edit(member.UserId, Id(), m1, " \u202E "));
        var stranger = await chat.NewUserAsync();
        await Assert.ThrowsAsync<ChatException>(() => room.Edit(stranger.UserId, Id(), m1, "x"));
        Assert.Equal(d2, (await room.GetEventsAfter(owner.UserId, 0, 10)).LastSeq);
    }

    [Fact]
    public async Task Change_RetriedWithItsClientMsgId_IsStoredOnce()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        var m1 = (await room.Post(member.UserId, "m1", "one")).Seq;

        var acks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => room.Edit(member.UserId, "same", m1, "uno")));
        var later = await room.Edit(member.UserId, "same", m1, "uno");

        Assert.All(acks, a => Assert.Equal(m1 + 1, a.Seq));
        Assert.True(later.Duplicate);
        Assert.Equal(m1 + 1, (await room.GetEventsAfter(owner.UserId, 0, 10)).LastSeq);
    }

    [Fact]
    public async Task Delete_ByTheAuthor_EmptiesTheMessageAndItsEditsInHistory()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        var m1 = (await room.Post(member.UserId, "m1", "oops, my password is hunter2")).Seq;
        await room.Edit(member.UserId, "e1", m1, "still hunter2");

        var ack = await room.Delete(member.UserId, "d1", m1);

        var events = await AfterJoinAsync(room, owner.UserId);
        Assert.Equal(m1 + 2, ack.Seq);
        Assert.True(events[0].Deleted);
        Assert.All(events, e => Assert.DoesNotContain("hunter2", e.Text, StringComparison.Ordinal));
        Assert.Equal((RoomEventKinds.Delete, m1), (events[2].Kind, events[2].TargetSeq!.Value));
        Assert.Equal("That message was deleted already.", (await Assert.ThrowsAsync<ChatException>(() => room.Delete(owner.UserId, Id(), m1))).Message);
    }

    [Fact]
    public async Task Delete_OfAnothersMessage_ByOwnerModeratorAndSiteAdmin_IsAllowed_ByAMember_IsRefused()
    {
        var (room, id, owner, member) = await RoomWithMemberAsync();
        var moderator = await chat.NewUserAsync();
        await chat.User(moderator.UserId).JoinRoom(id);
        await room.SetRole(owner.UserId, moderator.UserId, RoomRoles.Moderator);
        await chat.User(ChatCluster.AdminId).EnsureProfile();
        var seqs = new List<long>();
        for (var i = 1; i <= 3; i++) seqs.Add((await room.Post(owner.UserId, $"o{i}", $"owner's {i}")).Seq);
        seqs.Add((await room.Post(member.UserId, "m4", "member's")).Seq);

        var refused = await Assert.ThrowsAsync<ChatException>(() => room.Delete(member.UserId, Id(), seqs[0]));
        Assert.Equal("Only its author, moderators and the owner can delete a message.", refused.Message);
        await room.Delete(moderator.UserId, Id(), seqs[0]);
        await room.Delete(ChatCluster.AdminId, Id(), seqs[1]);
        await room.Delete(owner.UserId, Id(), seqs[3]);

        var events = (await room.GetEventsAfter(owner.UserId, seqs[0] - 1, 10)).Events;
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
        var first = (await room.Post(member.UserId, "first", "the first version")).Seq;
        for (var batch = 0; batch < 20; batch++)
            await room.Post(owner.UserId, [.. Enumerable.Range(0, 100).Select(i => new PostRequest($"b{batch}-{i}", $"filler {batch}-{i}"))]);

        var edit = await room.Edit(member.UserId, "edit", first, "the second version");
        await room.React(owner.UserId, "react", first, "👍", add: true);

        Assert.Equal(first + 2001, edit.Seq);
        var oldest = (await room.GetEventsBefore(owner.UserId, 51, 50)).Events;
        Assert.Equal(RoomEventKinds.Member, oldest[0].Kind);
        Assert.Equal(first, oldest[1].Seq);
        Assert.Equal("the second version", oldest[1].Text);
        Assert.Equal(edit.At, oldest[1].EditedAt);
        Assert.Equal("👍", Assert.Single(oldest[1].Reactions!).Emoji);
        Assert.Equal("the second version", (await room.GetEventsAfter(owner.UserId, first - 1, 1)).Events[0].Text);
    }

    [Fact]
    public async Task ConcurrentReactions_OnAMessageOlderThanTheTail_AreAllKept()
    {
        var (room, id, owner, _) = await RoomWithMemberAsync();
        var first = (await room.Post(owner.UserId, "first", "react to me")).Seq;
        await room.Post(owner.UserId, [.. Enumerable.Range(0, 100).Select(i => new PostRequest($"f{i}", $"filler {i}"))]);
        for (var batch = 0; batch < 5; batch++)
            await room.Post(owner.UserId, [.. Enumerable.Range(0, 100).Select(i => new PostRequest($"g{batch}-{i}", "filler"))]);
        var users = new List<UserProfile>();
        for (var i = 0; i < 12; i++)
        {
            var u = await chat.NewUserAsync();
            await chat.User(u.UserId).JoinRoom(id);
            users.Add(u);
        }

        await Task.WhenAll(users.Select((u, i) => room.React(u.UserId, "r", first, i % 2 == 0 ? "👍" : "🎉", add: true)));

        var message = (await room.GetEventsAfter(owner.UserId, first - 1, 1)).Events[0];
        Assert.Equal(12, message.Reactions!.Sum(r => r.Users.Count));
        Assert.Equal(["👍", "🎉"], message.Reactions!.Select(r => r.Emoji).Order().Reverse());
    }

    [Fact]
    public async Task React_AddsAndRemoves_OneOfEachPerUser_WithinTheLimits()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        var m1 = (await room.Post(owner.UserId, "m1", "plan: pizza at 8")).Seq;

        await room.React(owner.UserId, Id(), m1, "👍", add: true);
        var ack = await room.React(member.UserId, Id(), m1, "👍🏽", add: true);
        await room.React(member.UserId, Id(), m1, "👍", add: true);

        var events = await AfterJoinAsync(room, owner.UserId);
        Assert.Equal("👍:" + owner.UserId + "," + member.UserId + ";👍🏽:" + member.UserId, Describe(events[0].Reactions));
        Assert.Equal(Describe(events[0].Reactions), Describe(events[3].Reactions));
        Assert.Equal(RoomEventKinds.Reaction, events[2].Kind);
        Assert.Equal("👍🏽", events[2].Text);
        Assert.Equal(m1 + 2, ack.Seq);
        Assert.Equal("You reacted with that emoji already.", (await Assert.ThrowsAsync<ChatException>(() => room.React(owner.UserId, Id(), m1, "👍", true))).Message);
        Assert.Equal("You have not reacted with that emoji.", (await Assert.ThrowsAsync<ChatException>(() => room.React(owner.UserId, Id(), m1, "🎉", false))).Message);
        Assert.Equal("A reaction is one emoji.", (await Assert.ThrowsAsync<ChatException>(() => room.React(owner.UserId, Id(), m1, "👍👍", true))).Message);
        Assert.Equal("A reaction is one emoji.", (await Assert.ThrowsAsync<ChatException>(() => room.React(owner.UserId, Id(), m1, "a", true))).Message);
        var stranger = await chat.NewUserAsync();
        await Assert.ThrowsAsync<ChatException>(() => room.React(stranger.UserId, Id(), m1, "🎉", true));

        await room.React(owner.UserId, Id(), m1, "👍", add: false);
        await room.React(member.UserId, Id(), m1, "👍🏽", add: false);
        Assert.Equal("👍:" + member.UserId, Describe((await AfterJoinAsync(room, owner.UserId, 1))[0].Reactions));
    }

    [Fact]
    public async Task React_BeyondTwentyDifferentEmoji_IsRefused()
    {
        var (room, _, owner, _) = await RoomWithMemberAsync();
        var m1 = (await room.Post(owner.UserId, "m1", "vote")).Seq;
        string[] emoji = ["😀", "😁", "😂", "🤣", "😃", "😄", "😅", "😆", "😉", "😊", "😋", "😎", "😍", "😘", "🥰", "😗", "😙", "😚", "🙂", "🤗", "🤩"];

        for (var i = 0; i < 20; i++) await room.React(owner.UserId, Id(), m1, emoji[i], add: true);
        var refused = await Assert.ThrowsAsync<ChatException>(() => room.React(owner.UserId, Id(), m1, emoji[20], add: true));

        Assert.Equal("A message can have at most 20 different reactions.", refused.Message);
    }

    [Fact]
    public async Task Reply_CarriesItsOriginal_AndIsRefusedForAMissingOrDeletedOne()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        var m1 = (await room.Post(owner.UserId, "m1", "who brings drinks?")).Seq;
        var m2 = (await room.Post(owner.UserId, "m2", "never mind")).Seq;
        await room.Delete(owner.UserId, "d2", m2);

        var ack = await room.Reply(member.UserId, "r1", m1, "me");
        var many = await room.Post(member.UserId, [new PostRequest("r2", "and me", ReplyTo: m1), new PostRequest("r3", "?", ReplyTo: m2)]);

        var events = (await room.GetEventsAfter(owner.UserId, 0, 10)).Events;
        var bySeq = events.ToDictionary(e => e.Seq);
        Assert.Equal((RoomEventKinds.Message, m1), (bySeq[ack.Seq].Kind, bySeq[ack.Seq].TargetSeq!.Value));
        Assert.Equal(m1, bySeq[many[0].Result!.Seq].TargetSeq);
        Assert.Equal("That message was deleted: it cannot be replied to.", many[1].Error);
        // The member's join is a system line, not a message to reply to.
        Assert.Equal("Event 1 is not a message.", (await Assert.ThrowsAsync<ChatException>(() => room.Reply(member.UserId, "r5", 1, "x"))).Message);
        Assert.Equal("There is no message 99 in this room.", (await Assert.ThrowsAsync<ChatException>(() => room.Reply(member.UserId, "r4", 99, "x"))).Message);
    }

    [Fact]
    public async Task Pin_ByModeratorsAndTheOwner_ListsAsPinned_AndIsRefusedToMembers()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        var m1 = (await room.Post(member.UserId, "m1", "the rules")).Seq;
        var m2 = (await room.Post(member.UserId, "m2", "the schedule")).Seq;

        var refused = await Assert.ThrowsAsync<ChatException>(() => room.Pin(member.UserId, Id(), m1, true));
        await room.Pin(owner.UserId, Id(), m2, true);
        await room.Pin(owner.UserId, Id(), m1, true);

        Assert.Equal("Only moderators and the owner can pin messages.", refused.Message);
        Assert.Equal([m1, m2], (await room.GetPinned(member.UserId)).Select(e => e.Seq));
        Assert.Equal("That message is pinned already.", (await Assert.ThrowsAsync<ChatException>(() => room.Pin(owner.UserId, Id(), m1, true))).Message);
        await room.Pin(owner.UserId, Id(), m1, false);
        await room.Delete(member.UserId, Id(), m2);
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
        var s1 = (await room.Post(member.UserId, "s1", "spam 1")).Seq;
        await room.Post(other.UserId, "o1", "fine");
        await room.Post(member.UserId, "s2", "spam 2");
        var s3 = (await room.Post(member.UserId, "s3", "spam 3")).Seq;
        await room.Delete(member.UserId, "d3", s3);

        var refused = await Assert.ThrowsAsync<ChatException>(() => room.BanAndDelete(owner.UserId, member.UserId, 169));
        var deleted = await room.BanAndDelete(owner.UserId, member.UserId, 24);

        Assert.Equal("A ban can delete the messages of the last 0 to 168 hours.", refused.Message);
        Assert.Equal(2, deleted);
        var events = (await room.GetEventsAfter(owner.UserId, s1 - 1, 20)).Events;
        Assert.Equal([true, false, true, true], events.Take(4).Select(e => e.Deleted));
        Assert.All(events, e => Assert.DoesNotContain("spam", e.Text, StringComparison.Ordinal));
        Assert.Equal(2, events.Count(e => e.Kind == RoomEventKinds.Delete && e.AuthorId == owner.UserId));
        // The ban is a line by the owner; the member's join line (by the member) is not a message and stays.
        var ban = Assert.Single(events, e => e.Kind == RoomEventKinds.Member);
        Assert.Equal((owner.UserId, MemberLine.Banned, member.UserId), (ban.AuthorId, MemberLine.Of(ban)!.Change, MemberLine.Of(ban)!.UserId));
        Assert.Equal(MemberLine.Joined, MemberLine.Of((await room.GetEventsAfter(owner.UserId, 0, 1)).Events[0])!.Change);
        await Assert.ThrowsAsync<ChatException>(() => chat.User(member.UserId).JoinRoom(id));
        var member2 = await chat.NewUserAsync();
        await chat.User(member2.UserId).JoinRoom(id);
        await Assert.ThrowsAsync<ChatException>(() => room.BanAndDelete(member2.UserId, other.UserId, 1));
    }

    [Fact]
    public async Task RacingChanges_AreCheckedInSequenceOrder_OneOfTwoDeletesAndNoEditAfterADelete()
    {
        var (room, _, owner, member) = await RoomWithMemberAsync();
        var first = (await room.Post(member.UserId, "m1", "secret 1")).Seq;
        for (var i = 2; i <= 20; i++) await room.Post(member.UserId, $"m{i}", $"secret {i}");

        // Fired together, so both pass the check on arrival; the second to be sequenced finds the message deleted.
        var succeeded = await Task.WhenAll(Enumerable.Range((int)first, 10).Select(async seq =>
            (await Task.WhenAll(Outcome(room.Delete(owner.UserId, Id(), seq)), Outcome(room.Delete(member.UserId, Id(), seq)))).Count(ok => ok)));
        await Task.WhenAll(Enumerable.Range((int)first + 10, 10).Select(seq =>
            Task.WhenAll(Outcome(room.Edit(member.UserId, Id(), seq, $"edited {seq}")), Outcome(room.Delete(member.UserId, Id(), seq)))));

        Assert.All(succeeded, count => Assert.Equal(1, count));
        var events = (await room.GetEventsAfter(owner.UserId, first - 1, 100)).Events;
        Assert.All(events.Take(20), e => Assert.True(e.Deleted));
        Assert.All(events, e => Assert.DoesNotContain("secret", e.Text, StringComparison.Ordinal));
        Assert.All(events, e => Assert.DoesNotContain("edited", e.Text, StringComparison.Ordinal));
        Assert.Equal(20, events.Count(e => e.Kind == RoomEventKinds.Delete));
        await Assert.ThrowsAsync<ChatException>(() => room.Edit(member.UserId, Id(), first + 10, "too late"));
    }

    [Fact]
    public async Task ChangedMessages_ReadTheSameAfterTheRoomReactivates()
    {
        var (room, id, owner, member) = await RoomWithMemberAsync();
        var m1 = (await room.Post(member.UserId, "m1", "one")).Seq;
        var m2 = (await room.Post(member.UserId, "m2", "two")).Seq;
        await room.Edit(member.UserId, "e1", m1, "uno");
        await room.React(owner.UserId, "r2", m2, "🎉", true);
        await room.Pin(owner.UserId, "p2", m2, true);
        var before = (await room.GetEventsAfter(owner.UserId, 0, 10)).Events;

        await chat.Cluster.DeactivateAsync(chat.Cluster.Client.GetGrain<IRoomGrain>(id));
        var after = (await room.GetEventsAfter(owner.UserId, 0, 10)).Events;

        Assert.Equal(before.Select(Show), after.Select(Show));
        Assert.Equal(RoomEventKinds.Member, after[0].Kind);
        Assert.Equal("uno", after[1].Text);
        Assert.True(after[2].Pinned);
        Assert.Equal(await room.Edit(member.UserId, "e1", m1, "uno"), (await room.Edit(member.UserId, "e1", m1, "uno")) with { Duplicate = true });
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
