namespace OrleansChat.WebGateway.Hosting;

/// <summary>Limits of the gateway's HTTP endpoints per client address (configuration section <c>Chat:Http</c>); see docs/operations.md.</summary>
public sealed class HttpLimitOptions
{
    public const string Section = "Chat:Http";

    /// <summary><c>POST /api/session</c> requests (new guests and token refreshes) per client address and window.</summary>
    public int SessionsPerWindow { get; set; } = 30;

    /// <summary><c>POST /api/login</c> attempts per client address and window, whatever the account.</summary>
    public int LoginsPerWindow { get; set; } = 10;

    /// <summary>
    /// File uploads (<c>POST /api/rooms/{room}/files</c>) per client address and window, whatever the user: the per-user
    /// upload budget alone would let one address multiply it by making new guests.
    /// </summary>
    public int UploadsPerWindow { get; set; } = 60;

    /// <summary>The window of the limits above.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest request body accepted by <c>/api/*</c>; larger ones are answered 413.</summary>
    public long MaxApiBodyBytes { get; set; } = 4096;
}
