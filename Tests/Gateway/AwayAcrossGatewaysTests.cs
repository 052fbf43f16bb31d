using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// A user with a tab on each of two gateways: away on one and active on the other is online; away on both is away.
/// Each gateway knows only its own tab, so the rule is the room's union over gateways.
/// </summary>
public sealed class AwayAcrossGatewaysTests(TwoGatewaysFixture gateways) : IClassFixture<TwoGatewaysFixture>
{
    [Fact]
    public async Task AwayOnOneGateway_ActiveOnTheOther_IsOnline_AndAwayOnBoth_IsAway()
    {
        await using var watcher = await ChatClient.ConnectAsync(gateways.First);
        var session = await gateways.First.NewSessionAsync();
        await using var here = await ChatClient.ConnectAsync(gateways.First, session);
        var room = (await watcher.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Apart {Guid.NewGuid().ToString("N")[..10]}")).Room.Id;
        await here.JoinAsync(room);
        // Connected after the join: the second gateway reports the user to the room before it runs any invocation.
        await using var there = await ChatClient.ConnectAsync(gateways.Second, session);
        await there.Connection.InvokeAsync<UserProfile>("Hello");
        async Task<MemberInfo> Seen() =>
            (await watcher.Connection.AllMembersAsync(room)).Single(m => m.UserId == session.UserId);

        await here.Connection.InvokeAsync("SetAway", true);
        Assert.Equal((true, false), ((await Seen()).Online, (await Seen()).Away));

        await there.Connection.InvokeAsync("SetAway", true);
        await watcher.WaitUntil(c => c.Changes(room).Any(ch => ch.Kind == MemberChangeKinds.Away && ch.Member.UserId == session.UserId), "away on both gateways");
        Assert.True((await Seen()).Away);

        await there.Connection.InvokeAsync("SetAway", false);
        Assert.False((await Seen()).Away);
    }
}
