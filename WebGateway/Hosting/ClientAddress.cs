using System.Net;
using System.Net.Sockets;

namespace OrleansChat.WebGateway.Hosting;

/// <summary>
/// The key under which a client's requests are counted: its IPv4 address, or the /64 prefix of an IPv6 address (one
/// subscriber commonly holds a whole /64, so counting single IPv6 addresses would let it rotate freely).
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => Key(context.Connection.RemoteIpAddress);

    public static string Key(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
