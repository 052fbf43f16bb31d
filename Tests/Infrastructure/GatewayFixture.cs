namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// One running gateway with its own data directory, shared by the tests of a class. A class that exercises a limit
/// derives a fixture of its own with the settings it needs (small pages, few blocks, tiny files), so that the limit is
/// reached in a few calls.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("orleanschat-gateway");
    private readonly IReadOnlyDictionary<string, string>? _settings;

    public GatewayFixture()
    {
    }

    /// <summary>A gateway with <paramref name="settings"/> over the defaults.</summary>
    protected GatewayFixture(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public GatewayHost Host { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = new GatewayHost(_data.Path, _settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}
