namespace OrleansChat.Grains.Files;

/// <summary>Limits of shared files (configuration section <c>Chat:Files</c>), read by the gateway and the grains; see docs/operations.md.</summary>
public sealed class FileLimitOptions
{
    public const string Section = "Chat:Files";

    /// <summary>Largest file one upload may carry (the gateway stops reading past it; the user grain refuses it).</summary>
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Bytes of files one user may have stored at once (files of deleted messages do not count).</summary>
    public long QuotaBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Uploads one user may start at once before <see cref="UploadsPerMinute"/> applies.</summary>
    public int UploadBurst { get; set; } = 10;

    /// <summary>Sustained uploads per minute of one user.</summary>
    public double UploadsPerMinute { get; set; } = 10;

    /// <summary>Largest image (width × height) the gateway decodes for a thumbnail; larger ones are refused.</summary>
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>The longer side of a thumbnail, in pixels (the timeline shows it at up to half of that on a phone).</summary>
    public int ThumbnailSize { get; set; } = 480;
}
