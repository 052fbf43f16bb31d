using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.WebGateway.Hubs;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// The gateway makes one grain reference per room and shares it (Orleans' GetGrain reflects and builds a proxy each
/// time), within a bound; the references it shares carry every connection's calls.
/// </summary>
public sealed class RoomReferencesTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private RoomReferences References => gateway.Host.Services.GetRequiredService<RoomReferences>();

    [Fact]
    public async Task TwoSendersInARoom_ShareOneReference_AndBothAreStored()
    {
        await using var a = await ChatClient.ConnectAsync(gateway.Host);
        await using var b = await ChatClient.ConnectAsync(gateway.Host);
        var room = (await a.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Refs {Guid.NewGuid().ToString("N")[..10]}")).Room.Id;
        await b.JoinAsync(room);
        var shared = References.Room(room);

        await a.SendAsync(room, "from a");
        await b.SendAsync(room, "from b");

        Assert.Same(shared, References.Room(room));
        var history = await a.Connection.InvokeAsync<EventPage>("History", room, long.MaxValue, 50);
        Assert.Equal(["from a", "from b"], history.Events.Where(e => e.Kind == RoomEventKinds.Message).Select(e => e.Text));
    }

    [Fact]
    public void PastItsCapacity_TheCacheStartsAgain_AndStillAnswersEveryRoom()
    {
        var references = new RoomReferences(gateway.Host.Services.GetRequiredService<IGrainFactory>());
        var first = references.Room("room-0");
        Assert.Same(first, references.Room("room-0"));

        for (var i = 1; i <= RoomReferences.Capacity; i++) references.Room($"room-{i}");

        Assert.True(references.Count <= RoomReferences.Capacity);
        var again = references.Room("room-0");
        Assert.Equal(first.GetPrimaryKeyString(), again.GetPrimaryKeyString());
        Assert.Same(again, references.Room("room-0"));
    }
}
