using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>Edit, delete, react, reply and pin through the hub: pushed like messages, healed by catch-up like messages.</summary>
public sealed class MessageChangeHubTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => gateway.Host;

    private static async Task<string> NewRoomAsync(ChatClient owner, params ChatClient[] members)
    {
        var created = await owner.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Room {Guid.NewGuid().ToString("N")[..10]}");
        foreach (var m in members) await m.JoinAsync(created.Room.Id);
        return created.Room.Id;
    }

    private static string Id() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Changes_ArePushedToEveryMember_AndARefusalReachesTheCallerOnly()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a, b);
        var lunch = (await a.SendAsync(room, "lunch at 12?")).Seq;

        await a.Connection.InvokeAsync<PostResult>("Edit", room, Id(), lunch, "lunch at 1?");
        await b.Connection.InvokeAsync<PostResult>("React", room, Id(), lunch, "👍", true);
        await a.Connection.InvokeAsync<PostResult>("Pin", room, Id(), lunch, true);
        var reply = await b.Connection.InvokeAsync<PostResult>("Reply", room, Id(), lunch, "works for me");
        var refused = await Assert.ThrowsAsync<HubException>(() => b.Connection.InvokeAsync<PostResult>("Edit", room, Id(), lunch, "mine now"));

        Assert.Contains("Only its author can edit a message.", refused.Message, StringComparison.Ordinal);
        foreach (var client in new[] { a, b })
        {
            // After b's join line (pushed to a; b may have it from JoinRoom's recent events only).
            await client.WaitUntil(c => c.Received(room).Count(e => e.Seq >= lunch) >= 5, "the message and four changes");
            Assert.Equal(
                [RoomEventKinds.Message, RoomEventKinds.Edit, RoomEventKinds.Reaction, RoomEventKinds.Pin, RoomEventKinds.Message],
                client.Received(room).Where(e => e.Seq >= lunch).Select(e => e.Kind));
        }
        Assert.Equal(RoomEventKinds.Member, a.Received(room)[0].Kind);
        var received = a.Received(room).Where(e => e.Seq >= lunch).ToList();
        Assert.Equal("lunch at 1?", received[1].Text);
        Assert.Equal(b.UserId, Assert.Single(Assert.Single(received[2].Reactions!).Users));
        Assert.True(received[3].Pinned);
        Assert.Equal((reply.Seq, lunch), (received[4].Seq, received[4].TargetSeq!.Value));
        var pinned = await b.Connection.InvokeAsync<RoomEvent[]>("Pinned", room);
        Assert.Equal(("lunch at 1?", true), (Assert.Single(pinned).Text, pinned[0].Pinned));
    }

    [Fact]
    public async Task Reconnect_AfterEditsDeletesAndReactionsWhileOffline_CatchUpGivesExactlyTheFinalState()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var session = await Host.NewSessionAsync();
        var b = await ChatClient.ConnectAsync(Host, session);
        var room = await NewRoomAsync(a, b);
        // Event 1 is b's join: the messages are 2 to 5.
        for (var i = 1; i <= 4; i++) Assert.Equal(i + 1, (await a.SendAsync(room, $"message {i}")).Seq);
        await b.WaitUntil(c => c.Messages(room).Count == 4, "four messages");
        var shown = new ShownMessages();
        shown.Apply(b.Received(room));
        await b.DisposeAsync();

        await a.Connection.InvokeAsync<PostResult>("Edit", room, Id(), 2L, "message 1, edited");
        await a.Connection.InvokeAsync<PostResult>("Edit", room, Id(), 2L, "message 1, edited twice");
        await a.Connection.InvokeAsync<PostResult>("Delete", room, Id(), 3L);
        await a.Connection.InvokeAsync<PostResult>("React", room, Id(), 4L, "🎉", true);
        await a.Connection.InvokeAsync<PostResult>("React", room, Id(), 4L, "👀", true);
        await a.Connection.InvokeAsync<PostResult>("React", room, Id(), 4L, "🎉", false);
        var late = await a.SendAsync(room, "message 11");
        await a.Connection.InvokeAsync<PostResult>("Edit", room, Id(), late.Seq, "message 11, edited");

        await using var back = await ChatClient.ConnectAsync(Host, session);
        var caughtUp = await back.Connection.InvokeAsync<EventPage>("CatchUp", room, shown.LastSeq);
        shown.Apply(caughtUp.Events);

        Assert.Equal(Enumerable.Range(6, 8).Select(i => (long)i), caughtUp.Events.Select(e => e.Seq));
        var history = await back.Connection.InvokeAsync<EventPage>("History", room, long.MaxValue, 50);
        var final = new ShownMessages();
        final.Apply(history.Events.Where(e => e.Kind == RoomEventKinds.Message));
        Assert.Equal(final.Describe(), shown.Describe());
        Assert.Equal(
            "2:message 1, edited twice (edited)|3:(deleted)|4:message 3 [👀]|5:message 4|12:message 11, edited (edited)",
            shown.Describe());
    }

    [Fact]
    public async Task ChangeArguments_OfTheWrongShape_AreRefusedAtTheGateway()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a);
        await a.SendAsync(room, "hello");

        var tooLong = await Assert.ThrowsAsync<HubException>(() => a.Connection.InvokeAsync<PostResult>("React", room, Id(), 1L, new string('x', 40), true));
        var noText = await Assert.ThrowsAsync<HubException>(() => a.Connection.InvokeAsync<PostResult>("Edit", room, Id(), 1L, ""));
        var noId = await Assert.ThrowsAsync<HubException>(() => a.Connection.InvokeAsync<PostResult>("Delete", room, "", 1L));

        Assert.Contains("emoji is too long", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains("message is missing", noText.Message, StringComparison.Ordinal);
        Assert.Contains("message id is missing", noId.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await a.Connection.InvokeAsync<EventPage>("CatchUp", room, 0L)).LastSeq);
    }

    /// <summary>What a page shows of a room's messages, built from events as a page applies them.</summary>
    private sealed class ShownMessages
    {
        private readonly SortedDictionary<long, RoomEvent> _messages = [];

        public long LastSeq { get; private set; }

        public void Apply(IEnumerable<RoomEvent> events)
        {
            foreach (var e in events)
            {
                LastSeq = Math.Max(LastSeq, e.Seq);
                if (e.Kind == RoomEventKinds.Message)
                {
                    _messages[e.Seq] = e;
                    continue;
                }
                if (e.TargetSeq is not { } target || !_messages.TryGetValue(target, out var message)) continue;
                _messages[target] = e.Kind switch
                {
                    RoomEventKinds.Edit => message with { Text = e.Text, EditedAt = e.At },
                    RoomEventKinds.Delete => message with { Text = "", Deleted = true, Reactions = null, Pinned = false },
                    RoomEventKinds.Reaction => message with { Reactions = e.Reactions },
                    RoomEventKinds.Pin => message with { Pinned = e.Pinned },
                    _ => message,
                };
            }
        }

        public string Describe() => string.Join("|", _messages.Values.Select(m =>
            m.Deleted ? $"{m.Seq}:(deleted)"
            : $"{m.Seq}:{m.Text}{(m.EditedAt is null ? "" : " (edited)")}{(m.Reactions is { } r ? " [" + string.Join(",", r.Select(x => x.Emoji)) + "]" : "")}"));
    }
}
