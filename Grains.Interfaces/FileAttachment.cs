namespace OrleansChat;

/// <summary>
/// The file a message carries (docs/protocol.md §5): its id (the bytes are fetched with <c>GET /api/files/{id}</c>),
/// the name and content type the uploader gave, its size in bytes and, for an image whose bytes decoded as the type it
/// claims, its size in pixels and that of its thumbnail (<c>GET /api/files/{id}/thumb</c>). Deleting the message deletes
/// the bytes. The name is part of what the message carries, so search can find the message by it.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.FileAttachment")]
public sealed record FileAttachment(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] long Size,
    [property: Id(3)] string ContentType,
    [property: Id(4)] int? Width = null,
    [property: Id(5)] int? Height = null,
    [property: Id(6)] int? ThumbWidth = null,
    [property: Id(7)] int? ThumbHeight = null)
{
    /// <summary>True for an image shown inline (a verified PNG, JPEG, GIF or WebP with a thumbnail).</summary>
    public bool IsImage => ThumbWidth is not null;
}
