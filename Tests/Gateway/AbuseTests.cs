using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>Rate limits, typing throttling and logins, on a gateway with a small send budget.</summary>
public sealed class AbuseTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("orleanschat-abuse");
    private GatewayHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new GatewayHost(_data.Path, new Dictionary<string, string>
        {
            ["Chat:Rooms:SendBurst"] = "3",
            ["Chat:Rooms:SendRatePerSecond"] = "0.001",
            ["Chat:Rooms:TypingInterval"] = "01:00:00",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Send_FasterThanTheRateLimit_IsToldToSlowDown_OthersAreNot()
    {
        await using var spammer = await ChatClient.ConnectAsync(_host);
        await using var other = await ChatClient.ConnectAsync(_host);
        var room = (await spammer.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Spam {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        await other.JoinAsync(room);

        for (var i = 0; i < 3; i++) await spammer.SendAsync(room, $"ok {i}", $"id-{i}");
        var error = await Assert.ThrowsAsync<HubException>(() => spammer.SendAsync(room, "one too many", "id-3"));
        var retry = await spammer.SendAsync(room, "ok 0", "id-0");
        var fine = await other.SendAsync(room, "I am fine");

        Assert.Contains("too fast", error.Message);
        Assert.True(retry.Duplicate);
        Assert.Equal(4, fine.Seq);
    }

    [Fact]
    public async Task Typing_IsSentToTheRoomOncePerInterval()
    {
        await using var typist = await ChatClient.ConnectAsync(_host);
        await using var reader = await ChatClient.ConnectAsync(_host);
        var room = (await typist.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Typing {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        await reader.JoinAsync(room);

        await typist.Connection.InvokeAsync("Typing", room);
        await typist.Connection.InvokeAsync("Typing", room);
        await reader.WaitUntil(c => c.Typing(room).Count >= 1, "the typing notice");
        await typist.SendAsync(room, "sync");
        await reader.WaitUntil(c => c.Received(room).Count >= 1, "a later message");

        var notice = Assert.Single(reader.Typing(room));
        Assert.Equal(typist.UserId, notice.UserId);
        Assert.Equal(typist.Session.Name, notice.Name);
    }

    [Fact]
    public async Task Login_WithPassword_GivesTheSameUserInAnotherBrowser_AndIsThrottled()
    {
        var session = await _host.NewSessionAsync();
        await using (var first = await _host.ConnectAsync(session.Token))
        {
            await first.InvokeAsync("SetPassword", null, "a good long password");
        }

        var ok = await _host.Http.PostAsJsonAsync("/api/login", new { name = session.Name.ToUpperInvariant(), password = "a good long password" });
        var wrong = await _host.Http.PostAsJsonAsync("/api/login", new { name = session.Name, password = "wrong" });
        var unknown = await _host.Http.PostAsJsonAsync("/api/login", new { name = "Nobody Atall", password = "whatever1" });

        Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);
        var loggedIn = (await ok.Content.ReadFromJsonAsync<ChatEndpoints.Session>())!;
        Assert.Equal(session.UserId, loggedIn.UserId);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unknown.StatusCode);
        for (var i = 0; i < 5; i++) await _host.Http.PostAsJsonAsync("/api/login", new { name = session.Name, password = $"guess {i}" });
        var throttled = await _host.Http.PostAsJsonAsync("/api/login", new { name = session.Name, password = "a good long password" });
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter is not null);
    }
}
