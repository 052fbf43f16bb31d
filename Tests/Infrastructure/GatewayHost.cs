using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// The real gateway (all-in-one: co-hosted silo, SQLite) on Kestrel at 127.0.0.1 with a random port. Several hosts may
/// run at once; each gets its own silo ports. The data directory can be reused by a later host (restart tests).
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    /// <param name="logs">Also receives the host's log entries (besides the usual providers), when given.</param>
    /// <param name="time">
    /// A fake clock for the chat's rules (the grains' and the gateway's <see cref="TimeProvider"/>: rate limits, typing,
    /// login throttling, leases), when given; Orleans' own background work keeps the real clock, as in ChatCluster.
    /// </param>
    /// <param name="services">Adds to the host's services (a test's telemetry exporter, say), when given.</param>
    public GatewayHost(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null, ILoggerProvider? logs = null,
        FakeTimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        DataDirectory = dataDirectory;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Chat:DataDirectory", dataDirectory);
            web.UseSetting("Orleans:SiloPort", FreePort.Next().ToString());
            web.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString());
            web.UseSetting("urls", "http://127.0.0.1:0");
            // Every test client comes from 127.0.0.1: the per-address limits have tests of their own (HttpLimitTests).
            web.UseSetting("Chat:Http:SessionsPerWindow", "1000000");
            web.UseSetting("Chat:Http:LoginsPerWindow", "1000000");
            web.UseSetting("Chat:Http:UploadsPerWindow", "1000000");
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) web.UseSetting(key, value);
            if (logs is not null) web.ConfigureLogging(logging => logging.AddProvider(logs));
            if (time is not null)
            {
                web.ConfigureServices(collection => collection
                    .AddSingleton<TimeProvider>(time)
                    .UseTimeProviderForBackgroundAreas(TimeProvider.System));
            }
            if (services is not null) web.ConfigureServices(services);
        });
        _factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        try
        {
            _factory.StartServer();
        }
        catch
        {
            // A host that cannot start (tests of refused configurations) must not leave its half-started parts behind.
            _factory.Dispose();
            throw;
        }
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _factory.Services;

    public Task<ChatEndpoints.Session> NewSessionAsync(string? token = null) => ChatEndpoints.NewSessionAsync(BaseAddress, token);

    public Task<HubConnection> ConnectAsync(string? token, bool autoReconnect = false) =>
        ChatEndpoints.ConnectAsync(BaseAddress, token, autoReconnect);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
    }
}
