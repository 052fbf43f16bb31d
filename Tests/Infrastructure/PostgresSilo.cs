using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Hosting;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A silo in the test process with the real cluster configuration (<see cref="ChatClustering"/> and
/// <see cref="ChatSiloBuilderExtensions"/> on PostgreSQL, own ports on 127.0.0.1), or an Orleans client of such a
/// cluster: what the standalone Silo and a client-mode gateway run, without their web parts.
/// </summary>
public sealed class PostgresSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private PostgresSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static Task<PostgresSilo> StartSiloAsync(string connectionString, string clusterId) =>
        StartAsync(connectionString, clusterId, (builder, storage, cluster) =>
            builder.UseOrleans(silo => silo.UseChatClustering(storage, cluster).AddOrleansChat(storage)));

    public static Task<PostgresSilo> StartClientAsync(string connectionString, string clusterId) =>
        StartAsync(connectionString, clusterId, (builder, storage, cluster) =>
            builder.UseOrleansClient(client => client.UseChatClustering(storage, cluster)));

    private static async Task<PostgresSilo> StartAsync(string connectionString, string clusterId, Action<HostApplicationBuilder, ChatStorageOptions, ChatClusterOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chat:Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Chat"] = connectionString,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        });
        configure(builder, ChatHostConfiguration.Storage(builder.Configuration), ChatHostConfiguration.Cluster(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new PostgresSilo(host);
    }

    public async Task StopAsync() => await _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }
}
