using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>A user's limits over all rooms and gateways (<c>Chat:Users:*</c>), on a gateway with small ones.</summary>
public sealed class UserLimitsHubTests : IAsyncLifetime
{
    private const int SendBudget = 5;
    private const int MaxConnections = 3;
    private readonly TempDirectory _data = new("orleanschat-user-limits");
    private readonly CapturedLogs _logs = new();
    private GatewayHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new GatewayHost(_data.Path, new Dictionary<string, string>
        {
            ["Chat:Users:SendBurst"] = SendBudget.ToString(),
            ["Chat:Users:SendRatePerSecond"] = "0.001",
            // Leases of one credit: no credit is parked in a room, so the budget is exact (larger leases park up to
            // SendLease - 1 credits per room a user keeps writing to; SendCreditsTests covers their growth).
            ["Chat:Users:SendLease"] = "1",
            ["Chat:Users:MaxConnections"] = MaxConnections.ToString(),
        }, _logs);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    private static async Task<string> NewRoomAsync(ChatClient client, string prefix) =>
        (await client.Connection.InvokeAsync<JoinResult>("CreateRoom", $"{prefix} {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;

    [Fact]
    public async Task Send_OverManyRooms_PastTheUsersBudget_IsToldToSlowDown_AndTheConnectionStaysUsable()
    {
        await using var spammer = await ChatClient.ConnectAsync(_host);
        await using var other = await ChatClient.ConnectAsync(_host);
        var rooms = new List<string>();
        for (var i = 0; i < 3; i++) rooms.Add(await NewRoomAsync(spammer, "budget"));
        await other.JoinAsync(rooms[0]);

        // Two to each of the first two rooms and one to the third: the whole budget, well within each room's limit.
        var acks = new List<PostResult>();
        foreach (var room in new[] { rooms[0], rooms[0], rooms[1], rooms[1], rooms[2] }) acks.Add(await spammer.SendAsync(room, "ok"));
        var refused = await Assert.ThrowsAsync<HubException>(() => spammer.SendAsync(rooms[2], "one too many"));
        var fine = await other.SendAsync(rooms[0], "I am fine");
        var members = await spammer.Connection.AllMembersAsync(rooms[0]);

        Assert.Equal(SendBudget, acks.Count);
        Assert.Contains("too fast", refused.Message);
        Assert.Equal(4, fine.Seq); // after the other's join and the spammer's two
        Assert.Equal(2, members.Count);
    }

    [Fact]
    public async Task Send_PipelinedIntoOneRoom_GetsExactlyTheBudget_InSendOrder()
    {
        await using var sender = await ChatClient.ConnectAsync(_host);
        var room = await NewRoomAsync(sender, "pipelined");

        var sends = Enumerable.Range(0, SendBudget + 2).Select(i => sender.SendAsync(room, $"m{i}", $"c{i}")).ToList();
        var outcomes = await Task.WhenAll(sends.Select(async s => { try { return (await s).Seq; } catch (HubException) { return -1; } }));

        Assert.Equal(Enumerable.Range(1, SendBudget).Select(i => (long)i).Append(-1).Append(-1), outcomes);
        var history = await sender.Connection.InvokeAsync<EventPage>("CatchUp", room, 0L);
        Assert.Equal(Enumerable.Range(0, SendBudget).Select(i => $"m{i}"), history.Events.Select(e => e.Text));
    }

    [Fact]
    public async Task Connect_PastTheUsersLimit_IsClosedWithTheReason_OthersStayAndAClosedOneFreesItsPlace()
    {
        var session = await _host.NewSessionAsync();
        var tabs = new List<ChatClient>();
        for (var i = 0; i < MaxConnections; i++) tabs.Add(await ChatClient.ConnectAsync(_host, session));
        var before = _logs.Entries.Count;

        await using var extra = ChatEndpoints.Unstarted(_host.BaseAddress, session.Token);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        extra.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        await extra.StartAsync();
        var reason = await Wait.For(closed.Task, "the refused connection to close");

        Assert.NotNull(reason);
        Assert.Contains("Too many connections", reason.Message);
        Assert.Equal(session.UserId, (await tabs[0].Connection.InvokeAsync<UserProfile>("Hello")).UserId);
        Assert.DoesNotContain(_logs.Entries.Skip(before), e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);

        // A closed tab gives its place back when the gateway sees it close (one-way, so a new tab may race it: a few
        // attempts, each a real connection, no sleeping).
        await tabs[^1].DisposeAsync();
        HubConnection? admitted = null;
        for (var attempt = 0; attempt < 50 && admitted is null; attempt++)
        {
            var tab = ChatEndpoints.Unstarted(_host.BaseAddress, session.Token);
            var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            tab.Closed += _ => { gone.TrySetResult(); return Task.CompletedTask; };
            await tab.StartAsync();
            var hello = tab.InvokeAsync<UserProfile>("Hello");
            if (await Task.WhenAny(hello, gone.Task) == hello && hello.IsCompletedSuccessfully) admitted = tab;
            else await tab.DisposeAsync();
        }
        Assert.NotNull(admitted);
        await admitted.DisposeAsync();
        foreach (var tab in tabs.Take(MaxConnections - 1)) await tab.DisposeAsync();
    }
}
