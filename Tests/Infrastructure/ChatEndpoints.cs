using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>What a client does against any running gateway: get a session, open a hub connection.</summary>
public static class ChatEndpoints
{
    public sealed record Session(string Token, Guid UserId, string Name);

    public static async Task<Session> NewSessionAsync(Uri baseAddress, string? token = null)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var response = await http.PostAsJsonAsync("/api/session", new { token });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Session>())!;
    }

    /// <summary>A SignalR connection of <paramref name="token"/>'s user, over WebSockets like a browser, not started yet.</summary>
    public static HubConnection Unstarted(Uri baseAddress, string? token, bool autoReconnect = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hubs/chat"), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            options.AccessTokenProvider = () => Task.FromResult(token);
        });
        if (autoReconnect) builder.WithAutomaticReconnect();
        return builder.Build();
    }

    /// <summary>A started SignalR connection of <paramref name="token"/>'s user, over WebSockets like a browser.</summary>
    public static async Task<HubConnection> ConnectAsync(Uri baseAddress, string? token, bool autoReconnect = false)
    {
        var connection = Unstarted(baseAddress, token, autoReconnect);
        await connection.StartAsync();
        return connection;
    }
}
