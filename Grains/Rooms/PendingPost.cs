namespace OrleansChat.Grains.Rooms;

/// <summary>A post waiting in a room's queue for its sequence number and its commit.</summary>
internal sealed class PendingPost(Guid userId, string authorName, string clientMsgId, string text)
{
    private readonly TaskCompletionSource<PostResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid UserId { get; } = userId;

    public string AuthorName { get; } = authorName;

    public string ClientMsgId { get; } = clientMsgId;

    public string Text { get; } = text;

    public Task<PostResult> Result => _completion.Task;

    public void Complete(PostResult result) => _completion.TrySetResult(result);

    public void Fail(Exception error) => _completion.TrySetException(error);
}
