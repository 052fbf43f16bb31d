namespace OrleansChat.Grains.Users;

/// <summary>Limits of uploaded pictures (configuration section <c>Chat:Avatars</c>), read by the gateway and the user grains; see docs/operations.md.</summary>
public sealed class AvatarOptions
{
    public const string Section = "Chat:Avatars";

    /// <summary>Largest image one picture upload may carry (the gateway reads no byte of a larger one).</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The side of the stored square picture, in pixels (the page shows it at up to 40 CSS pixels; twice that and more for sharp screens).</summary>
    public int Size { get; set; } = 128;

    /// <summary>Picture changes (uploads and removals) one user may make at once before <see cref="ChangesPerHour"/> applies.</summary>
    public int ChangeBurst { get; set; } = 5;

    /// <summary>Sustained picture changes per hour of one user (each is pushed to every room of the user).</summary>
    public double ChangesPerHour { get; set; } = 20;

    /// <summary>
    /// Largest stored picture the user grain accepts: a WebP of <see cref="Size"/>² pixels is far smaller; this only
    /// stops a caller of the grain that skipped the gateway from storing anything big.
    /// </summary>
    public const int MaxStoredBytes = 256 * 1024;
}
