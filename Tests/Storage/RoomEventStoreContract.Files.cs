using OrleansChat.Grains.Files;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Tests.Storage;

// Shared files on the same database as the events: a message carries its file's description, the bytes live in the
// file store, and the delete of the message removes them in its own transaction.
public abstract partial class RoomEventStoreContract
{
    /// <summary>A file store over this test's database.</summary>
    protected abstract IFileStore CreateFileStore();

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]?> ReadFileAsync(IFileStore files, string id, bool thumbnail)
    {
        using var buffer = new MemoryStream();
        return await files.CopyToAsync(id, thumbnail, buffer) ? buffer.ToArray() : null;
    }

    [Fact]
    public async Task File_StoredInChunks_ReadsBackExactly_AndCountsForItsOwnerOnly()
    {
        var files = CreateFileStore();
        var owner = Guid.NewGuid();
        var content = RandomBytes(FileChunks.Size * 2 + 12345);
        var thumbnail = RandomBytes(5000);
        var file = new StoredFile(FileChunks.NewId(), NewRoom(), owner, "Zoë's plan 日本.pdf", "application/pdf", content.Length, thumbnail.Length, Start);

        await files.SaveAsync(file, content, thumbnail);

        Assert.Equal(file, await files.FindAsync(file.Id));
        Assert.Equal(content, await ReadFileAsync(files, file.Id, thumbnail: false));
        Assert.Equal(thumbnail, await ReadFileAsync(files, file.Id, thumbnail: true));
        Assert.Equal(content.Length, await files.UsedBytesAsync(owner));
        Assert.Equal(0, await files.UsedBytesAsync(Guid.NewGuid()));

        await files.DeleteAsync(file.Id);

        Assert.Null(await files.FindAsync(file.Id));
        Assert.Null(await ReadFileAsync(files, file.Id, thumbnail: false));
        Assert.Equal(0, await files.UsedBytesAsync(owner));
        await DisposeFileStoreAsync(files);
    }

    [Fact]
    public async Task Attachment_RoundTrips_AndDeletingItsMessage_DeletesTheBytesInTheSameCommit()
    {
        var files = CreateFileStore();
        var room = NewRoom();
        var owner = Guid.NewGuid();
        var content = RandomBytes(FileChunks.Size + 1);
        var kept = new StoredFile(FileChunks.NewId(), room, owner, "kept.png", "image/png", 10, 4, Start);
        var shared = new StoredFile(FileChunks.NewId(), room, owner, "screenshot.png", "image/png", content.Length, 3, Start);
        await files.SaveAsync(kept, RandomBytes(10), RandomBytes(4));
        await files.SaveAsync(shared, content, RandomBytes(3));
        var attachment = new FileAttachment(shared.Id, shared.Name, shared.Size, shared.ContentType, 1920, 1080, 480, 270);
        var other = new FileAttachment(kept.Id, kept.Name, kept.Size, kept.ContentType, 2, 2, 2, 2);
        await Store.AppendAsync(room, [Message(1) with { Text = "", Attachment = attachment }, Message(2) with { Attachment = other }]);

        var stored = await Store.ReadAfterAsync(room, 0, 10);
        Assert.Equal(attachment, stored[0].Attachment);
        Assert.Equal(Message(1) with { Text = "", Attachment = attachment }, stored[0]);
        Assert.Equal(content, await ReadFileAsync(files, shared.Id, thumbnail: false));

        Assert.Equal(AppendOutcome.Stored, await Store.AppendAsync(room, [Change(3, RoomEventKinds.Delete, 1, "")]));

        var after = await Store.ReadAfterAsync(room, 0, 10);
        Assert.True(after[0].Deleted);
        Assert.Null(after[0].Attachment);
        Assert.Null(await files.FindAsync(shared.Id));
        Assert.Null(await ReadFileAsync(files, shared.Id, thumbnail: false));
        Assert.Null(await ReadFileAsync(files, shared.Id, thumbnail: true));
        // The other message's file is untouched.
        Assert.Equal(other, after[1].Attachment);
        Assert.NotNull(await files.FindAsync(kept.Id));
        Assert.Equal(10, await files.UsedBytesAsync(owner));
        await DisposeFileStoreAsync(files);
    }

    private static async Task DisposeFileStoreAsync(IFileStore files)
    {
        if (files is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }
}
