using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

public sealed class SessionTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => gateway.Host;

    [Fact]
    public async Task Session_WithoutToken_IsANewGuestWithAGeneratedName()
    {
        var first = await Host.NewSessionAsync();
        var second = await Host.NewSessionAsync();

        Assert.NotEqual(first.UserId, second.UserId);
        Assert.NotEqual(first.Name, second.Name);
        Assert.Null(UserNames.Validate(first.Name));
    }

    [Fact]
    public async Task Session_WithItsToken_IsTheSameUser()
    {
        var first = await Host.NewSessionAsync();

        var again = await Host.NewSessionAsync(first.Token);

        Assert.Equal(first.UserId, again.UserId);
        Assert.Equal(first.Name, again.Name);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("v1.00000000000000000000000000000001.1700000000.AAAA")]
    public async Task Session_WithAForgedToken_IsANewUser(string forged)
    {
        var session = await Host.NewSessionAsync(forged);

        Assert.NotEqual(Guid.Parse("00000000-0000-0000-0000-000000000001"), session.UserId);
    }

    [Fact]
    public async Task Session_WithATamperedToken_IsNeverTheOtherUser()
    {
        var victim = await Host.NewSessionAsync();
        var parts = victim.Token.Split('.');
        parts[1] = Guid.NewGuid().ToString("N");
        var tampered = string.Join('.', parts);

        var session = await Host.NewSessionAsync(tampered);

        Assert.NotEqual(victim.UserId, session.UserId);
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => Host.ConnectAsync(tampered));
        Assert.Contains("401", refused.Message);
    }

    [Fact]
    public async Task Hub_WithoutToken_RefusesTheConnection()
    {
        var error = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => Host.ConnectAsync(null));

        Assert.Contains("401", error.Message);
    }

    [Fact]
    public async Task Hub_Hello_ReturnsTheTokensUser()
    {
        var session = await Host.NewSessionAsync();
        await using var connection = await Host.ConnectAsync(session.Token);

        var profile = await connection.InvokeAsync<UserProfile>("Hello");

        Assert.Equal(session.UserId, profile.UserId);
        Assert.Equal(session.Name, profile.Name);
        Assert.Empty(profile.Rooms);
    }

    [Fact]
    public async Task Hub_NegotiateAndLongPolling_AreAuthenticatedOnEveryRequest()
    {
        var session = await Host.NewSessionAsync();
        await using var polling = new HubConnectionBuilder().WithUrl(new Uri(Host.BaseAddress, "/hubs/chat"), options =>
        {
            options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
            options.AccessTokenProvider = () => Task.FromResult<string?>(session.Token);
        }).Build();
        await polling.StartAsync();

        var profile = await polling.InvokeAsync<UserProfile>("Hello");
        var withoutToken = await NegotiateAsync(null);
        var forged = await NegotiateAsync("garbage");
        var valid = await NegotiateAsync(session.Token);
        await Host.Http.PostAsJsonAsync("/api/logout", new { token = session.Token, everywhere = false });
        var loggedOut = await NegotiateAsync(session.Token);

        Assert.Equal(session.UserId, profile.UserId);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken);
        Assert.Equal(HttpStatusCode.Unauthorized, forged);
        Assert.Equal(HttpStatusCode.OK, valid);
        Assert.Equal(HttpStatusCode.Unauthorized, loggedOut);
    }

    private async Task<HttpStatusCode> NegotiateAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1");
        if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await Host.Http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Session_WithATokenOfTheFirstFormat_IsExchangedForASessionOfTheSameUser()
    {
        var userId = Guid.NewGuid();
        var payload = $"v1.{userId:N}.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
        var key = Convert.FromBase64String(await File.ReadAllTextAsync(Path.Combine(Host.DataDirectory, "token.key")));
        var legacy = payload + "." + System.Buffers.Text.Base64Url.EncodeToString(
            System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(payload)));

        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => Host.ConnectAsync(legacy));
        var exchanged = await Host.NewSessionAsync(legacy);
        await using var connection = await Host.ConnectAsync(exchanged.Token);

        Assert.Contains("401", refused.Message);
        Assert.Equal(userId, exchanged.UserId);
        Assert.StartsWith("v2.", exchanged.Token);
    }

    [Fact]
    public async Task Logout_EndsTheSession_ItsTokenGivesANewGuestAndCannotConnect()
    {
        var session = await Host.NewSessionAsync();

        var logout = await Host.Http.PostAsJsonAsync("/api/logout", new { token = session.Token, everywhere = false });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.NotEqual(session.UserId, (await Host.NewSessionAsync(session.Token)).UserId);
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => Host.ConnectAsync(session.Token));
        Assert.Contains("401", refused.Message);
    }

    [Fact]
    public async Task LogoutEverywhere_ClosesTheLiveConnectionsOfEverySession()
    {
        var (first, second) = await TwoSessionsOfOneUserAsync("everywhere password");
        await using var firstConnection = await Host.ConnectAsync(first.Token);
        await using var secondConnection = await Host.ConnectAsync(second.Token);
        var firstClosed = Closed(firstConnection);
        var secondClosed = Closed(secondConnection);

        await Host.Http.PostAsJsonAsync("/api/logout", new { token = first.Token, everywhere = true });

        await Wait.For(secondClosed, "the other session's connection to close");
        await Wait.For(firstClosed, "the logging-out session's connection to close");
        Assert.NotEqual(first.UserId, (await Host.NewSessionAsync(second.Token)).UserId);
    }

    [Fact]
    public async Task PasswordChange_ClosesTheOtherSessions_AndKeepsTheCallers()
    {
        var (first, second) = await TwoSessionsOfOneUserAsync("old password");
        await using var firstConnection = await Host.ConnectAsync(first.Token);
        await using var secondConnection = await Host.ConnectAsync(second.Token);
        var secondClosed = Closed(secondConnection);

        await firstConnection.InvokeAsync("SetPassword", "old password", "new password");

        await Wait.For(secondClosed, "the other session's connection to close");
        Assert.Equal(first.UserId, (await firstConnection.InvokeAsync<UserProfile>("Hello")).UserId);
        Assert.Equal(first.UserId, (await Host.NewSessionAsync(first.Token)).UserId);
        Assert.NotEqual(first.UserId, (await Host.NewSessionAsync(second.Token)).UserId);
    }

    [Fact]
    public void TokenKeyFile_IsReadableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return;

        var mode = File.GetUnixFileMode(Path.Combine(Host.DataDirectory, "token.key"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    /// <summary>A guest who set <paramref name="password"/>, and a second session of it from a login.</summary>
    private async Task<(ChatEndpoints.Session First, ChatEndpoints.Session Second)> TwoSessionsOfOneUserAsync(string password)
    {
        var first = await Host.NewSessionAsync();
        await using (var connection = await Host.ConnectAsync(first.Token)) await connection.InvokeAsync("SetPassword", null, password);
        var login = await Host.Http.PostAsJsonAsync("/api/login", new { name = first.Name, password });
        login.EnsureSuccessStatusCode();
        var second = (await login.Content.ReadFromJsonAsync<ChatEndpoints.Session>())!;
        Assert.Equal(first.UserId, second.UserId);
        return (first, second);
    }

    private static Task Closed(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    [Fact]
    public async Task Health_AnswersOk()
    {
        var response = await Host.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
