using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>Thousands of random and malformed hub invocations: the server stays up, others keep chatting, data stays intact.</summary>
public sealed class FuzzTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const int Invocations = 3000;

    private static readonly string[] Methods =
    [
        "Hello", "MyRooms", "ListRooms", "CreateRoom", "CreatePrivateRoom", "JoinRoom", "LeaveRoom", "OpenDirect", "Invite",
        "Kick", "Ban", "Unban", "SetRole", "UpdateRoom", "Send", "Typing", "MarkRead", "CatchUp", "History", "Members",
        "OnlineUsers", "SearchUsers", "Rename", "SetPassword", "Block", "Unblock", "Blocked", "HideConversation", "OnConnectedAsync", "Dispose", " ", "send", "Send\0", "💥",
    ];

    [Fact]
    public async Task RandomInvocations_LeaveTheServerUpOthersChattingAndHistoryIntact()
    {
        var host = gateway.Host;
        await using var alice = await ChatClient.ConnectAsync(host);
        await using var bob = await ChatClient.ConnectAsync(host);
        var room = (await alice.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Fuzz {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        await bob.JoinAsync(room);
        for (var i = 0; i < 5; i++) await alice.SendAsync(room, $"before {i}", $"before-{i}");
        var before = await alice.Connection.InvokeAsync<EventPage>("History", room, long.MaxValue, 50);

        var random = new Random(20261130);
        var session = await host.NewSessionAsync();
        var fuzzer = await host.ConnectAsync(session.Token);
        var refused = 0;
        var unexpected = new List<string>();
        var reconnects = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Invocations && clock.Elapsed < TimeSpan.FromSeconds(120); i++)
        {
            if (fuzzer.State != HubConnectionState.Connected)
            {
                await fuzzer.DisposeAsync();
                fuzzer = await host.ConnectAsync(session.Token);
                reconnects++;
            }
            var method = random.Next(4) == 0 ? RandomString(random, 12) : Methods[random.Next(Methods.Length)];
            var args = Enumerable.Range(0, random.Next(5)).Select(_ => RandomArgument(random, room, alice.UserId)).ToArray();
            try
            {
                await fuzzer.InvokeCoreAsync(method, typeof(object), args).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is HubException or InvalidOperationException or IOException or TaskCanceledException)
            {
                refused++;
                // The generic answer means an exception nobody expected: a bug, even if the server survived it.
                if (ex.Message.Contains("could not do that right now", StringComparison.Ordinal)) unexpected.Add($"{method}: {ex.Message}");
            }
        }
        await fuzzer.DisposeAsync();

        Assert.True(refused > Invocations / 2, $"only {refused} invocations were refused");
        Assert.Empty(unexpected);
        var text = $"after the fuzz {Guid.NewGuid():N}";
        await alice.SendAsync(room, text);
        await bob.WaitUntil(c => c.Received(room).Any(e => e.Text == text), "a message after the fuzz");
        var after = await alice.Connection.InvokeAsync<EventPage>("History", room, before.LastSeq + 1, 50);
        Assert.Equal(before.Events, after.Events);
        var health = await host.Http.GetAsync("/health");
        Assert.True(health.IsSuccessStatusCode);
    }

    private static object? RandomArgument(Random random, string room, Guid someone) => random.Next(14) switch
    {
        0 => null,
        1 => random.Next(),
        2 => -random.NextInt64(),
        3 => random.NextDouble() * 1e300,
        4 => RandomString(random, random.Next(0, 50)),
        5 => RandomString(random, random.Next(3000, 6000)),
        6 => room,
        7 => someone,
        8 => Guid.NewGuid(),
        9 => new { seq = random.Next(), text = RandomString(random, 5) },
        10 => new object?[] { 1, "two", null },
        11 => true,
        12 => long.MaxValue,
        _ => "lobby",
    };

    /// <summary>Any UTF-16 code units, including control characters and lone surrogates.</summary>
    private static string RandomString(Random random, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++) sb.Append((char)random.Next(0, 0xFFFF));
        return sb.ToString();
    }
}
