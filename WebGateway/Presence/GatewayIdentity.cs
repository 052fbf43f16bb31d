namespace OrleansChat.WebGateway.Presence;

/// <summary>This gateway process: its id and the grain reference of its one <see cref="RoomObserver"/>.</summary>
public sealed class GatewayIdentity
{
    private IRoomObserver? _observer;

    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public IRoomObserver Observer => _observer ?? throw new InvalidOperationException("The gateway observer is not registered yet.");

    internal void SetObserver(IRoomObserver reference) => _observer = reference;
}
