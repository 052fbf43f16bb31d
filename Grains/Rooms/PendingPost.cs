namespace OrleansChat.Grains.Rooms;

/// <summary>
/// A post waiting in a room's queue for its sequence number and its commit: a message (<see cref="TargetSeq"/> is the
/// event it replies to, if any) or a change of an earlier message (<see cref="Change"/> set).
/// </summary>
internal sealed class PendingPost(Guid userId, string authorName, string clientMsgId, string text, long? targetSeq = null)
{
    private readonly TaskCompletionSource<PostResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid UserId { get; } = userId;

    public string AuthorName { get; } = authorName;

    public string ClientMsgId { get; } = clientMsgId;

    public string Text { get; } = text;

    public long? TargetSeq { get; } = targetSeq;

    /// <summary>For a message: the file it carries, if any.</summary>
    public FileAttachment? Attachment { get; init; }

    /// <summary>The event kind: <see cref="RoomEventKinds.Message"/> or a change kind.</summary>
    public string Kind { get; init; } = RoomEventKinds.Message;

    /// <summary>
    /// For a change: the rule that turns the target message as it is when the change is sequenced into what it becomes
    /// (throws a <see cref="ChatException"/> when the change no longer applies).
    /// </summary>
    public Func<RoomEvent, DateTimeOffset, RoomEvent>? Change { get; init; }

    /// <summary>For a change: the target as it was read when the change was submitted.</summary>
    public RoomEvent? Target { get; set; }

    /// <summary>For a change being written: the target as the change leaves it.</summary>
    public RoomEvent? TargetAfter { get; set; }

    public Task<PostResult> Result => _completion.Task;

    public void Complete(PostResult result) => _completion.TrySetResult(result);

    public void Fail(Exception error) => _completion.TrySetException(error);
}
