using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

public sealed class ReceiptHubTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => gateway.Host;

    [Fact]
    public async Task MarkRead_InADirectConversation_ReachesTheOtherAsAReceipt_UnlessTurnedOff()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        var dm = (await a.Connection.InvokeAsync<JoinResult>("OpenDirect", b.UserId)).Room.Id;
        await a.SendAsync(dm, "there?");
        await a.SendAsync(dm, "hello?");

        await b.Connection.InvokeAsync("MarkRead", dm, 1L);

        await a.WaitUntil(c => c.Receipts(dm).Contains(new ReadReceipt(b.UserId, 1)), "b's receipt");
        Assert.Contains(new ReadReceipt(b.UserId, 1), await a.Connection.InvokeAsync<ReadReceipt[]>("Receipts", dm));
        await b.Connection.InvokeAsync("SetReceipts", false);
        Assert.True((await b.Connection.InvokeAsync<UserProfile>("Hello")).ReceiptsOff);
        await b.Connection.InvokeAsync("MarkRead", dm, 2L);
        var after = await a.Connection.InvokeAsync<ReadReceipt[]>("Receipts", dm);
        Assert.DoesNotContain(new ReadReceipt(b.UserId, 2), after);
    }
}
