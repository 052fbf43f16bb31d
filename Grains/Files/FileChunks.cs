namespace OrleansChat.Grains.Files;

/// <summary>
/// How both stores cut a file into rows: chunks of 512 KiB, numbered from 0, variant 0 for the file and 1 for its
/// thumbnail. Rows of bounded size stream out one at a time (a download never holds a whole file in memory) and stay
/// far from PostgreSQL's 1 GB field limit and SQLite's blob limit whatever <c>Chat:Files:MaxBytes</c> is.
/// </summary>
public static class FileChunks
{
    public const int Size = 512 * 1024;

    public const int Original = 0;

    public const int Thumbnail = 1;

    /// <summary>The chunks of <paramref name="bytes"/> in order, each with its part number.</summary>
    public static IEnumerable<(int Part, ReadOnlyMemory<byte> Data)> Split(ReadOnlyMemory<byte> bytes)
    {
        for (int offset = 0, part = 0; offset < bytes.Length; offset += Size, part++)
            yield return (part, bytes.Slice(offset, Math.Min(Size, bytes.Length - offset)));
    }

    /// <summary>A file id: 32 lower-case hex digits (a random 128-bit number, so not guessable).</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: 32 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    public static string NewId() => Guid.NewGuid().ToString("N");
}
