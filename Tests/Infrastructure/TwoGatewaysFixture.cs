using System.Security.Cryptography;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// Two real gateways on one cluster: the first all-in-one (co-hosted silo, SQLite), the second in client mode against
/// the first one's silo, both on Kestrel at 127.0.0.1 and sharing one token key, so a user may connect to either.
/// </summary>
public sealed class TwoGatewaysFixture : IAsyncLifetime
{
    private readonly TempDirectory _first = new("orleanschat-gw1");
    private readonly TempDirectory _second = new("orleanschat-gw2");

    public GatewayHost First { get; private set; } = null!;

    public GatewayHost Second { get; private set; } = null!;

    public GatewayHost this[int index] => index % 2 == 0 ? First : Second;

    public Task InitializeAsync()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var gatewayPort = FreePort.Next().ToString();
        First = new GatewayHost(_first.Path, new Dictionary<string, string>
        {
            ["Chat:TokenKey"] = key,
            ["Orleans:GatewayPort"] = gatewayPort,
        });
        Second = new GatewayHost(_second.Path, new Dictionary<string, string>
        {
            ["Chat:TokenKey"] = key,
            ["Chat:Mode"] = "Client",
            ["Orleans:GatewayPort"] = gatewayPort,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        _second.Dispose();
        _first.Dispose();
    }
}
