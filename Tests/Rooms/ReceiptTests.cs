using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>Read receipts: the room learns its members' read markers from their user grains, and leaves out who opted out.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReceiptTests(ChatCluster chat)
{
    [Fact]
    public async Task Receipts_ListHowFarEachMemberRead_AndAMarkReadIsPushedToTheRoom()
    {
        var a = await chat.NewUserAsync();
        var b = await chat.NewUserAsync();
        var id = await chat.NewRoomAsync(a.UserId);
        await chat.User(b.UserId).JoinRoom(id);
        var room = chat.Room(id);
        for (var i = 0; i < 3; i++) await room.Post(a.UserId, $"m{i}", $"message {i}");
        await chat.User(b.UserId).MarkRead(id, 2);

        var receipts = await room.GetReceipts(a.UserId);

        Assert.Contains(new ReadReceipt(b.UserId, 2), receipts);
        Assert.Contains(new ReadReceipt(a.UserId, 0), receipts);
        var gateway = new RecordingObserver();
        await room.Subscribe("gw-receipts", chat.Client.CreateObjectReference<IRoomObserver>(gateway), [a.UserId], 0, Guid.Empty, GatewayVersion.Next());
        await chat.User(b.UserId).MarkRead(id, 3);
        await Wait.For(gateway.WaitUntil(o => o.Receipts(id).Contains(new ReadReceipt(b.UserId, 3)), "b's receipt"), "b's receipt");
        Assert.Contains(new ReadReceipt(b.UserId, 3), await room.GetReceipts(b.UserId));
        GC.KeepAlive(gateway);
    }

    [Fact]
    public async Task AMemberWhoTurnedReceiptsOff_IsLeftOut_UntilTurningThemOnAgain()
    {
        var a = await chat.NewUserAsync();
        var b = await chat.NewUserAsync();
        var dm = (await chat.User(a.UserId).OpenDirect(b.UserId)).Room.Id;
        var room = chat.Room(dm);
        await room.Post(a.UserId, "m1", "did you see this?");
        await chat.User(b.UserId).SetReceipts(false);
        await chat.User(b.UserId).MarkRead(dm, 1);

        var receipts = await room.GetReceipts(a.UserId);

        Assert.DoesNotContain(receipts, r => r.UserId == b.UserId);
        Assert.True((await chat.User(b.UserId).EnsureProfile()).ReceiptsOff);
        var gateway = new RecordingObserver();
        await room.Subscribe("gw-receipts-off", chat.Client.CreateObjectReference<IRoomObserver>(gateway), [a.UserId], 0, Guid.Empty, GatewayVersion.Next());
        await chat.User(b.UserId).SetReceipts(true);
        await Wait.For(gateway.WaitUntil(o => o.Receipts(dm).Contains(new ReadReceipt(b.UserId, 1)), "b's receipt"), "b's receipt");
        Assert.Contains(new ReadReceipt(b.UserId, 1), await room.GetReceipts(a.UserId));
        GC.KeepAlive(gateway);
    }

    [Fact]
    public async Task Receipts_InARoomOfMoreThan50Members_AreRefused_AndToANonMember()
    {
        var owner = await chat.NewUserAsync();
        var id = await chat.NewRoomAsync(owner.UserId);
        var room = chat.Room(id);
        var stranger = await chat.NewUserAsync();
        await Assert.ThrowsAsync<ChatException>(() => room.GetReceipts(stranger.UserId));
        await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            var u = await chat.NewUserAsync();
            await chat.User(u.UserId).JoinRoom(id);
        }));

        var refused = await Assert.ThrowsAsync<ChatException>(() => room.GetReceipts(owner.UserId));

        Assert.Equal("Read receipts are shown in rooms of at most 50 members.", refused.Message);
    }
}
