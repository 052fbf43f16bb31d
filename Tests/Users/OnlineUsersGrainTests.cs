using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Users;

/// <summary>The system-wide online list takes a gateway's renewals and reports newest word first, as rooms do.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OnlineUsersGrainTests(ChatCluster chat)
{
    private IOnlineUsersGrain Online => chat.Client.GetGrain<IOnlineUsersGrain>(IOnlineUsersGrain.Key);

    [Fact]
    public async Task ARenewalTakenBeforeAConnect_ButArrivingAfterIt_DoesNotHideTheUser()
    {
        var gateway = "gw-" + Guid.NewGuid().ToString("N");
        var user = new UserMatch(Guid.NewGuid(), "0 " + Guid.NewGuid().ToString("N")[..6]);
        var renewalTakenFirst = GatewayVersion.Next();
        var connect = GatewayVersion.Next();

        await Online.SetOnline(gateway, user, online: true, connect);
        await Online.Renew(gateway, [], renewalTakenFirst);

        Assert.Contains(user, await Online.List(ChatLimits.MaxOnlineListed));
        await Online.Remove(gateway);
    }

    [Fact]
    public async Task ADisconnectReportedAfterARenewal_ThatStillListedTheUser_TakesThemOff()
    {
        var gateway = "gw-" + Guid.NewGuid().ToString("N");
        var user = new UserMatch(Guid.NewGuid(), "0 " + Guid.NewGuid().ToString("N")[..6]);
        await Online.Renew(gateway, [user], GatewayVersion.Next());
        var disconnect = GatewayVersion.Next();
        var renewalTakenBeforeTheDisconnect = disconnect - 1;

        await Online.SetOnline(gateway, user, online: false, disconnect);
        await Online.Renew(gateway, [user], renewalTakenBeforeTheDisconnect);

        Assert.DoesNotContain(user, await Online.List(ChatLimits.MaxOnlineListed));
        await Online.Remove(gateway);
    }
}
