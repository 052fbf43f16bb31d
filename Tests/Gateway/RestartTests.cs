using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_OnTheSameDataDirectory_KeepsUsersRoomsAndHistory()
    {
        using var data = new TempDirectory("orleanschat-restart");
        ChatEndpoints.Session session;
        string room;
        await using (var first = new GatewayHost(data.Path))
        {
            session = await first.NewSessionAsync();
            await using var client = await ChatClient.ConnectAsync(first, session);
            room = (await client.Connection.InvokeAsync<JoinResult>("CreateRoom", "Persistent Room")).Room.Id;
            for (var i = 0; i < 3; i++) await client.SendAsync(room, $"kept {i}");
        }

        await using var second = new GatewayHost(data.Path);
        var again = await second.NewSessionAsync(session.Token);
        await using var back = await ChatClient.ConnectAsync(second, again);
        var joined = await back.JoinAsync(room);
        var next = await back.SendAsync(room, "after restart");

        Assert.Equal(session.UserId, again.UserId);
        Assert.Equal(session.Name, again.Name);
        Assert.Equal(["kept 0", "kept 1", "kept 2"], joined.Recent.Select(e => e.Text));
        Assert.Equal(4, next.Seq);
        var profile = await back.Connection.InvokeAsync<UserProfile>("Hello");
        Assert.Contains(room, profile.Rooms);
    }
}
