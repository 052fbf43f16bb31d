using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>Text and name rules as a client meets them through the hub, and what refused calls leave in the log.</summary>
public sealed class TextRulesHubTests : IAsyncLifetime
{
    private const char RecordSeparator = '\u001e';
    private readonly TempDirectory _data = new("orleanschat-text");
    private readonly CapturedLogs _logs = new();
    private GatewayHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new GatewayHost(_data.Path, logs: _logs);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Send_WithAnEscapedLoneSurrogateInTheJson_StoresTheReplacementCharacter()
    {
        await using var alice = await ChatClient.ConnectAsync(_host);
        var room = (await alice.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Raw {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        using var socket = await OpenRawAsync(alice.Session.Token);

        // The .NET client would never write this: a JSON escape that is half of a surrogate pair, then a whole pair.
        var reply = await InvokeRawAsync(socket,
            $$"""{"type":1,"invocationId":"1","target":"Send","arguments":["{{room}}","raw-1","a\ud800b \udc00 \ud83d\ude00 \"q\" \\ \n"]}""");

        Assert.Equal(JsonValueKind.Undefined, reply.TryGetProperty("error", out var error) ? error.ValueKind : JsonValueKind.Undefined);
        var page = await alice.Connection.InvokeAsync<EventPage>("History", room, long.MaxValue, 10);
        Assert.Equal("a\ufffdb \ufffd \U0001F600 \"q\" \\ \n", page.Events.Single().Text);
    }

    [Fact]
    public async Task Send_WithABidiOverride_IsStoredAndDeliveredWithoutIt()
    {
        await using var alice = await ChatClient.ConnectAsync(_host);
        await using var bob = await ChatClient.ConnectAsync(_host);
        var room = (await alice.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Bidi {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        await bob.JoinAsync(room);

        await alice.SendAsync(room, "invoice\u202efdp.exe");

        await bob.WaitUntil(c => c.Received(room).Count == 1, "the message");
        Assert.Equal("invoicefdp.exe", bob.Received(room).Single().Text);
    }

    [Fact]
    public async Task Rename_ToALookAlikeOfSomeonesName_IsRefusedWithAClearMessage()
    {
        await using var alice = await ChatClient.ConnectAsync(_host);
        await using var mallory = await ChatClient.ConnectAsync(_host);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await alice.Connection.InvokeAsync<UserProfile>("Rename", $"Ivan {suffix}");

        var cyrillic = await Assert.ThrowsAsync<HubException>(() => mallory.Connection.InvokeAsync<UserProfile>("Rename", $"\u0406van {suffix}"));
        var smallL = await Assert.ThrowsAsync<HubException>(() => mallory.Connection.InvokeAsync<UserProfile>("Rename", $"lvan {suffix}"));
        var invisible = await Assert.ThrowsAsync<HubException>(() => mallory.Connection.InvokeAsync<UserProfile>("Rename", $"Ivan\u200b {suffix}"));

        Assert.Contains("looks like a name that is taken", cyrillic.Message);
        Assert.Contains("looks like a name that is taken", smallL.Message);
        Assert.Contains("invisible or formatting characters", invisible.Message);
    }

    [Fact]
    public async Task RefusedCalls_LogNothingAtErrorLevel()
    {
        await using var user = await ChatClient.ConnectAsync(_host);
        var before = _logs.Entries.Count;

        foreach (var (method, args) in new (string, object?[])[]
        {
            ("SetPassword", ["short"]),
            ("JoinRoom", ["no-such-room"]),
            ("Send", ["no-such-room", "id", "hello"]),
            ("Rename", ["x"]),
            ("CreateRoom", ["p-private"]),
            ("Members", ["lobby-of-nobody", null, 50, null]),
            ("Kick", ["lobby", Guid.NewGuid()]),
        })
        {
            await Assert.ThrowsAsync<HubException>(() => user.Connection.InvokeCoreAsync(method, typeof(object), args));
        }
        var login = await _host.Http.PostAsJsonAsync("/api/login", new { name = "Nobody Here", password = "wrong password" });
        var badBody = await _host.Http.PostAsync("/api/login", new StringContent("{not json", Encoding.UTF8, "application/json"));
        await user.Connection.InvokeAsync<UserProfile>("Hello");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        var errors = _logs.Entries.Skip(before).Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Category}: {e.Message} {e.Exception?.GetType().Name}")));
    }

    private async Task<ClientWebSocket> OpenRawAsync(string token)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(_host.BaseAddress) { Scheme = "ws", Path = "/hubs/chat", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        var handshake = await InvokeRawAsync(socket, """{"protocol":"json","version":1}""");
        Assert.False(handshake.TryGetProperty("error", out _));
        return socket;
    }

    /// <summary>Sends one hub frame and returns the next frame that is not a ping or an event.</summary>
    private static async Task<JsonElement> InvokeRawAsync(ClientWebSocket socket, string frame)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes(frame + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            var text = pending.ToString();
            int end;
            while ((end = text.IndexOf(RecordSeparator)) >= 0)
            {
                var message = JsonDocument.Parse(text[..end]).RootElement.Clone();
                text = text[(end + 1)..];
                // Type 6 is a ping, type 1 an event sent to the client; the handshake answer has no type.
                if (!message.TryGetProperty("type", out var type) || type.GetInt32() is not (1 or 6)) return message;
            }
            pending.Clear().Append(text);
        }
    }
}
