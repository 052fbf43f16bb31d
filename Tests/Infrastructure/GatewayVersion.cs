namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// Versions for tests that play a gateway towards a room (<c>IRoomGrain.Subscribe</c>, <c>SetOnline</c>): each call
/// is a later change than every call before it, as a real gateway's counter makes it.
/// </summary>
public static class GatewayVersion
{
    private static long _version;

    public static long Next() => Interlocked.Increment(ref _version);
}
