using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>The HTTP API answers a cluster that cannot answer with 503 and Retry-After, never a 500.</summary>
public sealed class ApiErrorsTests
{
    [Fact]
    public async Task Session_WhileNoSiloAnswers_Is503WithRetryAfter_NotA500()
    {
        using var siloData = new TempDirectory("orleanschat-api-silo");
        using var gatewayData = new TempDirectory("orleanschat-api-gw");
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var gatewayPort = FreePort.Next().ToString();
        var silo = new GatewayHost(siloData.Path, new Dictionary<string, string> { ["Chat:TokenKey"] = key, ["Orleans:GatewayPort"] = gatewayPort });
        await using var gateway = new GatewayHost(gatewayData.Path, new Dictionary<string, string>
        {
            ["Chat:TokenKey"] = key,
            ["Chat:Mode"] = "Client",
            ["Orleans:GatewayPort"] = gatewayPort,
        });
        var session = await gateway.NewSessionAsync();

        await silo.DisposeAsync();
        var refused = await gateway.Http.PostAsJsonAsync("/api/session", new { token = session.Token });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("try again", await refused.Content.ReadAsStringAsync());
    }
}
