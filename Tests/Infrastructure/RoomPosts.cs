namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// One message through <see cref="IRoomGrain.Post"/>, as the gateway sends a single one: its acknowledgement, or the
/// room's refusal as a <see cref="ChatException"/> (whether it refused the call or the message).
/// </summary>
public static class RoomPosts
{
    public static Task<PostResult> Post(this IRoomGrain room, Guid userId, string clientMsgId, string text) =>
        PostOneAsync(room, userId, new PostRequest(clientMsgId, text));

    public static Task<PostResult> Reply(this IRoomGrain room, Guid userId, string clientMsgId, long replyTo, string text) =>
        PostOneAsync(room, userId, new PostRequest(clientMsgId, text, replyTo));

    private static async Task<PostResult> PostOneAsync(IRoomGrain room, Guid userId, PostRequest request) =>
        (await room.Post(userId, [request]))[0].Acknowledged();
}
