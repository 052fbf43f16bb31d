using Orleans.Core.Internal;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// A connected user's grain may leave memory (it does when idle): the connections it admitted stay counted against the
/// limit, and the notices it sends still reach the user's open tabs, because the gateways' leases keep them.
/// </summary>
public sealed class IdleUserGrainHubTests : IAsyncLifetime
{
    private const int MaxConnections = 2;
    private readonly TempDirectory _data = new("orleanschat-idle-user");
    private GatewayHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new GatewayHost(_data.Path, new Dictionary<string, string> { ["Chat:Users:MaxConnections"] = MaxConnections.ToString() });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>Deactivates the user's grain: the next call reaches a new activation with nothing in memory.</summary>
    private async Task LeaveMemoryAsync(Guid userId) =>
        await _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(userId).Cast<IGrainManagementExtension>().DeactivateOnIdle();

    [Fact]
    public async Task Connect_PastTheLimit_AfterTheUserGrainLeftMemory_IsStillRefused()
    {
        var session = await _host.NewSessionAsync();
        var tabs = new List<ChatClient>();
        for (var i = 0; i < MaxConnections; i++) tabs.Add(await ChatClient.ConnectAsync(_host, session));
        await LeaveMemoryAsync(session.UserId);

        await using var extra = ChatEndpoints.Unstarted(_host.BaseAddress, session.Token);
        var closed = Closed(extra);
        await extra.StartAsync();
        var reason = await Wait.For(closed, "the connection past the limit to close");

        Assert.Contains("Too many connections", reason?.Message);
        Assert.Equal(session.UserId, (await tabs[0].Connection.InvokeAsync<UserProfile>("Hello")).UserId);
        foreach (var tab in tabs) await tab.DisposeAsync();
    }

    [Fact]
    public async Task Logout_AfterTheUserGrainLeftMemory_StillClosesTheSessionsLiveConnection()
    {
        var session = await _host.NewSessionAsync();
        await using var connection = await _host.ConnectAsync(session.Token);
        var closed = Closed(connection);
        await LeaveMemoryAsync(session.UserId);

        await _host.Http.PostAsJsonAsync("/api/logout", new { token = session.Token, everywhere = false });

        await Wait.For(closed, "the logged-out session's connection to close");
    }

    [Fact]
    public async Task Invite_AfterTheInviteesGrainLeftMemory_StillReachesTheirOpenTab()
    {
        await using var owner = await ChatClient.ConnectAsync(_host);
        await using var invitee = await ChatClient.ConnectAsync(_host);
        var room = (await owner.Connection.InvokeAsync<JoinResult>("CreatePrivateRoom", $"idle {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        await LeaveMemoryAsync(invitee.UserId);

        await owner.Connection.InvokeAsync<MemberInfo>("Invite", room, invitee.UserId);

        await invitee.WaitUntil(c => c.WasAdded(room), "the invitee's tab to hear of the room");
        var sent = await owner.SendAsync(room, "welcome");
        await invitee.WaitUntil(c => c.Messages(room).Any(e => e.Seq == sent.Seq), "the invitee's tab to receive the room's message");
    }


    private static Task<Exception?> Closed(HubConnection connection)
    {
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}
