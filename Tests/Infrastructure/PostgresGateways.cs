using System.Security.Cryptography;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A cluster on a fresh PostgreSQL database: one silo and two gateways in client mode sharing a token key, so a user
/// may use either; what one gateway stores the other must serve.
/// </summary>
public sealed class PostgresGateways : IAsyncDisposable
{
    private readonly PostgresSilo _silo;
    private readonly TempDirectory _firstData = new("orleanschat-pg-gw1");
    private readonly TempDirectory _secondData = new("orleanschat-pg-gw2");

    private PostgresGateways(string database, string cluster, PostgresSilo silo)
    {
        Database = database;
        _silo = silo;
        var settings = new Dictionary<string, string>
        {
            ["Chat:Mode"] = "Client",
            ["Chat:Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Chat"] = database,
            ["Orleans:ClusterId"] = cluster,
            ["Chat:TokenKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        First = new GatewayHost(_firstData.Path, settings);
        Second = new GatewayHost(_secondData.Path, settings);
    }

    /// <summary>The connection string of the cluster's database.</summary>
    public string Database { get; }

    public GatewayHost First { get; }

    public GatewayHost Second { get; }

    public static async Task<PostgresGateways> StartAsync(PostgresServer postgres, string databasePrefix)
    {
        var database = await postgres.CreateDatabaseAsync($"{databasePrefix}_{Guid.NewGuid():N}"[..20]);
        var cluster = $"c_{Guid.NewGuid():N}"[..20];
        return new PostgresGateways(database, cluster, await PostgresSilo.StartSiloAsync(database, cluster));
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await _silo.DisposeAsync();
        _secondData.Dispose();
        _firstData.Dispose();
    }
}
