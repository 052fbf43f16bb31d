using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// Rate limits, typing throttling and logins through the hub and the HTTP API, on a gateway with a small send budget
/// and a fake clock: each limit refuses, and lets through again once (fake) time has passed, without a test waiting.
/// </summary>
public sealed class AbuseTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("orleanschat-abuse");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private GatewayHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new GatewayHost(_data.Path, new Dictionary<string, string>
        {
            ["Chat:Rooms:SendBurst"] = "3",
            ["Chat:Rooms:SendRatePerSecond"] = "1",
            ["Chat:Rooms:TypingInterval"] = "00:00:02",
        }, time: _time);
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

        Assert.Contains(ChatException.SendingTooFastMessage, error.Message);
        Assert.True(retry.Duplicate);
        Assert.Equal(5, fine.Seq); // after the other's join (1) and the spammer's three

        // One second later the bucket holds one token again: one more message, not two.
        _time.Advance(TimeSpan.FromSeconds(1));
        var refilled = await spammer.SendAsync(room, "after a second", "id-4");
        await Assert.ThrowsAsync<HubException>(() => spammer.SendAsync(room, "and one more", "id-5"));
        Assert.Equal(6, refilled.Seq);
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

        // After the interval (2 s of the fake clock) the next notice goes out.
        _time.Advance(TimeSpan.FromSeconds(2));
        await typist.Connection.InvokeAsync("Typing", room);
        await reader.WaitUntil(c => c.Typing(room).Count >= 2, "the typing notice after the interval");
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
        var wait = throttled.Headers.RetryAfter?.Delta;
        Assert.True(wait > TimeSpan.Zero);

        // Just before the wait is over the account is still throttled; once it is over, the right password works.
        _time.Advance(wait!.Value - TimeSpan.FromMilliseconds(500));
        var early = await _host.Http.PostAsJsonAsync("/api/login", new { name = session.Name, password = "a good long password" });
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, early.StatusCode);
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = await _host.Http.PostAsJsonAsync("/api/login", new { name = session.Name, password = "a good long password" });
        Assert.Equal(System.Net.HttpStatusCode.OK, after.StatusCode);
    }
}
