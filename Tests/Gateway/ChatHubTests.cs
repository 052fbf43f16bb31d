using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

public sealed class ChatHubTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => gateway.Host;

    private static async Task<string> NewRoomAsync(ChatClient owner, params ChatClient[] members)
    {
        var created = await owner.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Room {Guid.NewGuid().ToString("N")[..10]}");
        foreach (var m in members) await m.JoinAsync(created.Room.Id);
        return created.Room.Id;
    }

    [Fact]
    public async Task TwoClients_ChatInARoom_EachSeesAllMessagesInOrderOnce()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a, b);

        for (var i = 0; i < 5; i++)
        {
            await a.SendAsync(room, $"a{i}");
            await b.SendAsync(room, $"b{i}");
        }

        // b's join is event 1: a was there to receive it; the messages follow it.
        await a.WaitUntil(c => c.Received(room).Any(e => e.Seq == 1), "b's join");
        Assert.Equal((RoomEventKinds.Member, b.UserId), (a.Received(room)[0].Kind, MemberLine.Of(a.Received(room)[0])!.UserId));
        foreach (var client in new[] { a, b })
        {
            await client.WaitUntil(c => c.Messages(room).Count >= 10, "ten messages");
            var received = client.Messages(room);
            Assert.Equal(Enumerable.Range(2, 10).Select(i => (long)i), received.Select(e => e.Seq));
            Assert.Equal(["a0", "b0", "a1", "b1", "a2", "b2", "a3", "b3", "a4", "b4"], received.Select(e => e.Text));
            Assert.Equal(a.Session.Name, received[0].AuthorName);
        }
    }

    [Fact]
    public async Task Send_IsAcknowledgedWithItsSeq_AndTheSenderReceivesItOnce()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a);

        var ack = await a.SendAsync(room, "mine", "client-1");
        var retry = await a.SendAsync(room, "mine", "client-1");

        Assert.Equal(1, ack.Seq);
        Assert.Equal(1, retry.Seq);
        Assert.True(retry.Duplicate);
        var history = await a.Connection.InvokeAsync<EventPage>("History", room, long.MaxValue, 50);
        var stored = Assert.Single(history.Events);
        Assert.Equal("client-1", stored.ClientMsgId);
        await a.WaitUntil(c => c.Received(room).Count >= 1, "own message");
        Assert.Single(a.Received(room));
    }

    [Fact]
    public async Task Sends_FiredWithoutWaiting_ArePipelinedIntoSharedCommits_AndStoredInSendOrder()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a);
        var store = Host.Services.GetRequiredService<SqliteRoomEventStore>();
        var commitsBefore = store.Committer.Commits;
        const int Sends = 15; // within the default burst of the send limit

        // Each waits for its own acknowledgement, but none waits for the one before it.
        var acks = await Task.WhenAll(Enumerable.Range(0, Sends).Select(i => a.SendAsync(room, $"m{i}", $"c{i}")));

        Assert.Equal(Enumerable.Range(1, Sends).Select(i => (long)i), acks.Select(x => x.Seq));
        var history = await a.Connection.InvokeAsync<EventPage>("CatchUp", room, 0L);
        Assert.Equal(Enumerable.Range(0, Sends).Select(i => $"m{i}"), history.Events.Select(e => e.Text));
        // One send at a time would take a commit each; pipelined, later sends ride in shared commits.
        Assert.True(store.Committer.Commits - commitsBefore < Sends, $"{store.Committer.Commits - commitsBefore} commits for {Sends} sends");
    }

    [Fact]
    public async Task OnlineList_FollowsConnectionsJoinsLeavesAndDisconnects_CountingTabsOnce()
    {
        await using var watcher = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(watcher);
        var session = await Host.NewSessionAsync();
        var tab1 = await ChatClient.ConnectAsync(Host, session);

        var joined = await tab1.JoinAsync(room);
        Assert.Contains(joined.Members, m => m.UserId == watcher.UserId && m.Online);
        await watcher.WaitUntil(c => c.Changes(room).Any(ch => ch.Kind == MemberChangeKinds.Joined && ch.Member.UserId == session.UserId), "joined");
        await watcher.WaitUntil(c => c.Changes(room).Any(ch => ch.Kind == MemberChangeKinds.Online && ch.Member.UserId == session.UserId), "online");

        // A second tab of the same user is not a second online user, and closing one tab does not take it offline.
        var tab2 = await ChatClient.ConnectAsync(Host, session);
        await tab1.DisposeAsync();
        await tab2.SendAsync(room, "still here");
        await watcher.WaitUntil(c => c.Received(room).Any(e => e.Text == "still here"), "message from the second tab");
        Assert.DoesNotContain(watcher.Changes(room), ch => ch.Member.UserId == session.UserId && ch.Kind == MemberChangeKinds.Offline);
        var members = await watcher.Connection.AllMembersAsync(room);
        Assert.True(members.Single(m => m.UserId == session.UserId).Online);

        await tab2.DisposeAsync();
        await watcher.WaitUntil(c => c.Changes(room).Any(ch => ch.Kind == MemberChangeKinds.Offline && ch.Member.UserId == session.UserId), "offline after the last tab");
        Assert.False((await watcher.Connection.AllMembersAsync(room)).Single(m => m.UserId == session.UserId).Online);

        await using var again = await ChatClient.ConnectAsync(Host, session);
        await watcher.WaitUntil(c => c.Changes(room).Count(ch => ch.Kind == MemberChangeKinds.Online && ch.Member.UserId == session.UserId) >= 2, "online on reconnect");
        await again.Connection.InvokeAsync("LeaveRoom", room);
        await watcher.WaitUntil(c => c.Changes(room).Any(ch => ch.Kind == MemberChangeKinds.Left && ch.Member.UserId == session.UserId), "left");
    }

    [Fact]
    public async Task Leave_InOneTab_StopsTheRoomInEveryTab()
    {
        await using var owner = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(owner);
        var session = await Host.NewSessionAsync();
        await using var tab1 = await ChatClient.ConnectAsync(Host, session);
        await using var tab2 = await ChatClient.ConnectAsync(Host, session);
        await tab1.JoinAsync(room);
        await owner.SendAsync(room, "before");
        await tab2.WaitUntil(c => c.Received(room).Any(e => e.Text == "before"), "the other tab to receive the room after a join in one tab");

        await tab1.Connection.InvokeAsync("LeaveRoom", room);
        await tab2.WaitUntil(c => c.Changes(room).Any(ch => ch.Kind == MemberChangeKinds.Left), "the left change");
        await owner.SendAsync(room, "after");
        await owner.WaitUntil(c => c.Received(room).Any(e => e.Text == "after"), "the owner's own message");
        // A third member's view proves delivery has happened; the left tabs must not have it.
        await using var third = await ChatClient.ConnectAsync(Host);
        await third.JoinAsync(room);
        await owner.SendAsync(room, "sync");
        await third.WaitUntil(c => c.Received(room).Any(e => e.Text == "sync"), "sync message");
        Assert.DoesNotContain(tab1.Received(room), e => e.Text is "after" or "sync");
        Assert.DoesNotContain(tab2.Received(room), e => e.Text is "after" or "sync");
    }

    [Fact]
    public async Task CreateRoom_InOneTab_AppearsInTheOtherTabsLive()
    {
        var session = await Host.NewSessionAsync();
        await using var tab1 = await ChatClient.ConnectAsync(Host, session);
        await using var tab2 = await ChatClient.ConnectAsync(Host, session);

        var room = await NewRoomAsync(tab1);
        await tab2.WaitUntil(c => c.WasAdded(room), "the new room to reach the other tab");
        await tab1.SendAsync(room, "first");

        await tab2.WaitUntil(c => c.Received(room).Any(e => e.Text == "first"), "the other tab to receive the new room");
    }

    [Fact]
    public async Task Reconnect_AfterMissedMessages_CatchUpDeliversEachOnceInOrder()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var session = await Host.NewSessionAsync();
        var b = await ChatClient.ConnectAsync(Host, session);
        var room = await NewRoomAsync(a, b);
        var seen = await a.SendAsync(room, "seen");
        await b.WaitUntil(c => c.Messages(room).Count == 1, "first message");
        var lastSeq = b.Received(room).Max(e => e.Seq);
        Assert.Equal(seen.Seq, lastSeq);
        await b.DisposeAsync();

        for (var i = 0; i < 5; i++) await a.SendAsync(room, $"missed {i}");
        await using var back = await ChatClient.ConnectAsync(Host, session);
        var page = await back.Connection.InvokeAsync<EventPage>("CatchUp", room, lastSeq);
        var live = await a.SendAsync(room, "live");

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"missed {i}"), page.Events.Select(e => e.Text));
        Assert.Equal(Enumerable.Range((int)lastSeq + 1, 5).Select(i => (long)i), page.Events.Select(e => e.Seq));
        await back.WaitUntil(c => c.Received(room).Any(e => e.Text == "live"), "live message after catch-up");
        Assert.Equal(lastSeq + 6, back.Received(room).Single(e => e.Text == "live").Seq);
        Assert.Equal(live.Seq, lastSeq + 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Send_EmptyText_IsRefusedToTheCallerOnly(string text)
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a, b);

        var error = await Assert.ThrowsAsync<HubException>(() => a.SendAsync(room, text));

        Assert.Contains("missing", error.Message);
        await AssertStillChatting(a, b, room);
    }

    [Fact]
    public async Task Send_TooLongText_IsRefusedWithAClearError()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a, b);

        var error = await Assert.ThrowsAsync<HubException>(() => a.SendAsync(room, new string('x', ChatLimits.MaxMessageLength + 1)));

        Assert.Contains("too long", error.Message);
        await AssertStillChatting(a, b, room);
    }

    [Fact]
    public async Task Send_ToUnknownOrInvalidRoom_IsRefused()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a, b);

        var unknown = await Assert.ThrowsAsync<HubException>(() => a.SendAsync($"no-such-room-{Guid.NewGuid():N}"[..30], "hi"));
        var invalid = await Assert.ThrowsAsync<HubException>(() => a.SendAsync("Not A Room!", "hi"));
        var join = await Assert.ThrowsAsync<HubException>(() => a.JoinAsync("missing-room"));

        Assert.Contains("no room", unknown.Message);
        Assert.Contains("not a valid room", invalid.Message);
        Assert.Contains("no room", join.Message);
        await AssertStillChatting(a, b, room);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad/name")]
    [InlineData("a room name that is much longer than forty characters")]
    public async Task CreateRoom_InvalidName_IsRefused(string name)
    {
        await using var a = await ChatClient.ConnectAsync(Host);

        var error = await Assert.ThrowsAsync<HubException>(() => a.Connection.InvokeAsync<JoinResult>("CreateRoom", name));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public async Task HubCall_WithWrongArgumentTypes_IsRefusedAndTheConnectionKeepsWorking()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a, b);

        var wrongType = await Assert.ThrowsAsync<HubException>(() => a.Connection.InvokeAsync<PostResult>("Send", room, 42, new { x = 1 }));
        var wrongCount = await Assert.ThrowsAsync<HubException>(() => a.Connection.InvokeAsync<PostResult>("Send", room));
        var unknown = await Assert.ThrowsAsync<HubException>(() => a.Connection.InvokeAsync("NoSuchMethod"));

        Assert.Contains("Send", wrongType.Message);
        Assert.Contains("Send", wrongCount.Message);
        Assert.Contains("NoSuchMethod", unknown.Message);
        await AssertStillChatting(a, b, room);
    }

    [Fact]
    public async Task OversizedHubMessage_ClosesOnlyThatConnection()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        await using var attacker = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a, b, attacker);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        attacker.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        _ = attacker.Connection.SendAsync("Send", room, "big", new string('x', ChatLimits.MaxHubMessageBytes * 2));

        await Wait.For(closed.Task, "the oversized connection to close");
        await AssertStillChatting(a, b, room);
        var history = await a.Connection.InvokeAsync<EventPage>("History", room, long.MaxValue, 50);
        Assert.DoesNotContain(history.Events, e => e.ClientMsgId == "big");
    }

    private static async Task AssertStillChatting(ChatClient a, ChatClient b, string room)
    {
        var text = $"still fine {Guid.NewGuid():N}";
        await a.SendAsync(room, text);
        await b.WaitUntil(c => c.Received(room).Any(e => e.Text == text), "a message after the bad input");
    }
}
