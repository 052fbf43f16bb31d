namespace OrleansChat.Grains.Files;

/// <summary>
/// What the file store keeps beside a file's bytes: the room it was shared in (downloads are allowed to that room's
/// members only), who uploaded it (the quota), the name and type it was uploaded with, its size and its thumbnail's
/// size (null when it has none).
/// </summary>
public sealed record StoredFile(
    string Id,
    string RoomId,
    Guid OwnerId,
    string Name,
    string ContentType,
    long Size,
    long? ThumbnailSize,
    DateTimeOffset CreatedAt);
