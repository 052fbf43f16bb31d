using OrleansChat.Grains.Files;

namespace OrleansChat.Grains.Rooms;

// Files: the gateway stores a file's bytes only after the room said the user may post here and the user grain took the
// upload from the user's budgets; the message that carries it is a normal post (sequenced, acknowledged after the
// commit, deleted like any message, which deletes the bytes too): a PostRequest with its File set. Downloads ask
// CanRead on every request.
public sealed partial class RoomGrain
{
    private const int MaxFileNameLength = 255;
    private const int MaxContentTypeLength = 127;

    public async Task AuthorizeUpload(Guid userId, long bytes)
    {
        EnsureCanPost(userId);
        if (bytes <= 0) throw new ChatException("The file is empty.");
        // The user grain awaits only its store: a room waiting on it cannot deadlock (this call interleaves).
        await GrainFactory.GetGrain<IUserGrain>(userId).TakeUpload(bytes);
    }

    /// <summary>The description of a file a post carries, as the gateway made it after storing the bytes.</summary>
    private static void EnsureValid(FileAttachment file)
    {
        if (!FileChunks.IsValidId(file.Id) || string.IsNullOrWhiteSpace(file.Name) || file.Name.Length > MaxFileNameLength
            || file.Size <= 0 || string.IsNullOrEmpty(file.ContentType) || file.ContentType.Length > MaxContentTypeLength)
        {
            throw new ChatException("The file's description is not valid.");
        }
    }

    public Task<bool> CanRead(Guid userId) => Task.FromResult(Exists && Members.ContainsKey(userId));
}
