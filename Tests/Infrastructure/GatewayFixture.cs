namespace OrleansChat.Tests.Infrastructure;

/// <summary>One running gateway with its own data directory, shared by the tests of a class.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("orleanschat-gateway");

    public GatewayHost Host { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = new GatewayHost(_data.Path);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}
