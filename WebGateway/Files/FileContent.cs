namespace OrleansChat.WebGateway.Files;

/// <summary>
/// What a file's first bytes say it is (magic numbers), for the types the chat treats specially: the images shown
/// inline (PNG, JPEG, GIF, WebP) and PDF. The declared type of an upload is checked against them: a file declared as one
/// of these must be one, and bytes of an inline image type are never stored under another name.
/// </summary>
public static class FileContent
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string WebP = "image/webp";
    public const string Pdf = "application/pdf";

    /// <summary>The only types ever served inline; everything else (SVG and HTML included) is an attachment.</summary>
    public static readonly IReadOnlySet<string> InlineImages = new HashSet<string>(StringComparer.Ordinal) { Png, Jpeg, Gif, WebP };

    /// <summary>The type of the bytes, or null when they are none of the types above.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8)) return Gif;
        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)) return WebP;
        if (bytes.StartsWith("%PDF-"u8)) return Pdf;
        return null;
    }

    /// <summary>
    /// The declared type, normalised (lower case, without parameters), or null when it is not a media type at all.
    /// An empty declaration is <c>application/octet-stream</c>.
    /// </summary>
    public static string? Normalise(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared)) return "application/octet-stream";
        var type = declared.Split(';', 2)[0].Trim().ToLowerInvariant();
        var slash = type.IndexOf('/');
        if (type.Length > 127 || slash <= 0 || slash == type.Length - 1 || type.IndexOf('/', slash + 1) >= 0) return null;
        return type.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '+' or '-' or '_') ? type : null;
    }

    /// <summary>
    /// Why the bytes cannot be stored under the declared type, or null when they can: a declared PNG, JPEG, GIF, WebP
    /// or PDF must be one; bytes of an image are stored under their own type only.
    /// </summary>
    public static string? Mismatch(string declared, string? sniffed)
    {
        var claimsKnown = InlineImages.Contains(declared) || declared == Pdf;
        if (claimsKnown && sniffed != declared) return $"The file is not a {Describe(declared)}: its content does not match its type.";
        if (sniffed is not null && InlineImages.Contains(sniffed) && sniffed != declared)
            return $"The file is a {Describe(sniffed)} but was sent as {declared}.";
        return null;
    }

    private static string Describe(string type) => type switch
    {
        Png => "PNG image",
        Jpeg => "JPEG image",
        Gif => "GIF image",
        WebP => "WebP image",
        Pdf => "PDF document",
        _ => type,
    };
}
