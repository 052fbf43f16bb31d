using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// The real gateway (all-in-one: co-hosted silo, SQLite) on Kestrel at 127.0.0.1 with a random port. Several hosts may
/// run at once; each gets its own silo ports. The data directory can be reused by a later host (restart tests).
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    public GatewayHost(string dataDirectory)
    {
        DataDirectory = dataDirectory;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Chat:DataDirectory", dataDirectory);
            web.UseSetting("Orleans:SiloPort", FreePort.Next().ToString());
            web.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString());
            web.UseSetting("urls", "http://127.0.0.1:0");
        });
        _factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _factory.Services;

    public sealed record Session(string Token, Guid UserId, string Name);

    public async Task<Session> NewSessionAsync(string? token = null)
    {
        var response = await Http.PostAsJsonAsync("/api/session", new { token });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Session>())!;
    }

    /// <summary>A started SignalR connection of <paramref name="token"/>'s user, over WebSockets like a browser.</summary>
    public async Task<HubConnection> ConnectAsync(string? token, bool autoReconnect = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(BaseAddress, "/hubs/chat"), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            options.AccessTokenProvider = () => Task.FromResult(token);
        });
        if (autoReconnect) builder.WithAutomaticReconnect();
        var connection = builder.Build();
        await connection.StartAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
    }
}
