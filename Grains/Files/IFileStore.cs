namespace OrleansChat.Grains.Files;

/// <summary>
/// The bytes of shared files and their thumbnails, in the chat's database (SQLite in the all-in-one mode, PostgreSQL
/// in a cluster, so that every gateway serves every file). Files are written once and never changed; a file is
/// removed with the message that carries it, by the event store's delete (in the same transaction), or by
/// <see cref="DeleteAsync"/> when its message could not be posted.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores a file and its thumbnail (empty: none) durably, in one transaction.</summary>
    Task SaveAsync(StoredFile file, ReadOnlyMemory<byte> content, ReadOnlyMemory<byte> thumbnail, CancellationToken cancellationToken = default);

    /// <summary>The file's description, or null when there is no such file (never was, or deleted).</summary>
    Task<StoredFile?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Writes the file's bytes (or its thumbnail's) to <paramref name="destination"/>; false when they are gone.</summary>
    Task<bool> CopyToAsync(string id, bool thumbnail, Stream destination, CancellationToken cancellationToken = default);

    Task DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Bytes of the files <paramref name="ownerId"/> uploaded that are still stored (thumbnails not counted).</summary>
    Task<long> UsedBytesAsync(Guid ownerId, CancellationToken cancellationToken = default);
}
