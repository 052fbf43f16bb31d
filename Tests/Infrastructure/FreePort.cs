using System.Net;
using System.Net.Sockets;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A base port below the ephemeral range such that base + each of <paramref name="offsets"/> is free now: for a
    /// script or app host that derives its ports from one number.
    /// </summary>
    public static int Block(params int[] offsets)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var block = 20000 + Random.Shared.Next(0, 1200) * 10;
            if (offsets.All(o => IsFree(block + o))) return block;
        }
        throw new InvalidOperationException("No free block of ports was found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
