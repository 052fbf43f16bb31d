using Microsoft.AspNetCore.Http.Features;

namespace OrleansChat.WebGateway.Files;

/// <summary>The raw body of an upload endpoint (<see cref="LargeBody"/>), its stated length checked by the caller.</summary>
internal static class RawBody
{
    /// <summary>
    /// Exactly <paramref name="length"/> bytes, with the request's body limit raised to <paramref name="maxBytes"/>;
    /// null when the body ended before its stated length.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpContext http, long length, long maxBytes)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = maxBytes;
        var bytes = new byte[length];
        try
        {
            await http.Request.Body.ReadExactlyAsync(bytes, http.RequestAborted);
            return bytes;
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }
}
