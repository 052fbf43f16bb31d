using System.Net;
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
        var tampered = string.Join('.', parts[0], Guid.NewGuid().ToString("N"), parts[2], parts[3]);

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
    public async Task Health_AnswersOk()
    {
        var response = await Host.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
