using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.WebGateway.Diagnostics;
using OrleansChat.WebGateway.Hosting;
using OrleansChat.WebGateway.Identity;
using OrleansChat.WebGateway.Presence;

namespace OrleansChat.WebGateway.Hubs;

/// <summary>
/// The browser-facing hub (<c>/hubs/chat</c>, docs/protocol.md). It checks the shape of what arrives, takes the user id
/// from the authenticated connection only, and calls grains; every chat rule is checked by the grains. Its endpoints
/// admit only requests with a valid token of an active session (<see cref="HubAuthentication"/>, in MapChatGateway).
/// </summary>
public sealed class ChatHub(
    IGrainFactory grains,
    RoomReferences rooms,
    GatewayPresence presence,
    ConnectionLifecycle lifecycle,
    ChatHubLifetimeManager connections,
    IOptions<ChatGatewayOptions> options,
    TimeProvider time)
    : Hub<IChatClient>
{
    private ChatConnection Connection => connections.Connection(Context.ConnectionId);

    /// <summary>The caller: from its token only (<see cref="ChatConnection"/>).</summary>
    private Guid UserId => Connection.UserId;

    private Guid SessionId => Connection.SessionId;

    private IUserGrain User => grains.GetGrain<IUserGrain>(UserId);

    private IRoomGrain Room(string roomId) => rooms.Room(HubInput.RoomId(roomId));

    private SendLanes Sends => Connection.Sends(rooms);

    private AwayThrottle Away => Connection.Away(time);

    public override Task OnConnectedAsync() => lifecycle.OpenedAsync(Connection);

    public override Task OnDisconnectedAsync(Exception? exception) => lifecycle.ClosedAsync(Connection);

    /// <summary>The caller's profile, with this gateway's <see cref="ChatGatewayOptions.AwayAfter"/> for the page's idle timer.</summary>
    public async Task<UserProfile> Hello() =>
        await User.EnsureProfile() with { AwayAfterSeconds = (int)Math.Ceiling(options.Value.AwayAfter.TotalSeconds) };

    /// <summary>
    /// This connection's page is away (hidden or idle) or active again. Idempotent; the rooms hear of the user's state
    /// only when it changes over all the user's connections (<see cref="GatewayPresence.SetAwayAsync"/>).
    /// </summary>
    public Task SetAway(bool away)
    {
        if (!Away.TryTake()) throw new HubException("You are changing your away state too often. Please slow down.");
        return presence.SetAwayAsync(Context.ConnectionId, UserId, away);
    }

    public Task<IReadOnlyList<RoomListing>> MyRooms() => User.GetRooms();

    /// <summary>A page of the public rooms, lobby first; <paramref name="query"/> searches names and topics.</summary>
    public Task<RoomDirectoryPage> ListRooms(string? query, string? after, int limit) =>
        grains.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).Search(
            query is null ? null : HubInput.Length(query, "search text", ChatLimits.MaxRoomSearchLength),
            after is null ? null : HubInput.Length(after, "page position", ChatLimits.MaxRoomNameLength * 2),
            limit);

    public Task<JoinResult> CreateRoom(string name) => CreateAsync(name, isPrivate: false);

    public Task<JoinResult> CreatePrivateRoom(string name) => CreateAsync(name, isPrivate: true);

    private async Task<JoinResult> CreateAsync(string name, bool isPrivate) =>
        await presence.OpenedAsync(UserId, await User.CreateRoom(HubInput.Text(name, "room name", ChatLimits.MaxRoomNameLength), isPrivate));

    public async Task<JoinResult> JoinRoom(string roomId) => await presence.OpenedAsync(UserId, await User.JoinRoom(HubInput.RoomId(roomId)));

    public Task LeaveRoom(string roomId) => User.LeaveRoom(HubInput.RoomId(roomId));

    public async Task<JoinResult> OpenDirect(Guid userId) => await presence.OpenedAsync(UserId, await User.OpenDirect(userId));

    /// <summary>Starts a group conversation with these people (protocol §2).</summary>
    public async Task<JoinResult> CreateGroup(Guid[] userIds) =>
        await presence.OpenedAsync(UserId, await User.CreateGroup(userIds ?? throw new HubException("Name the people of the conversation.")));

    public Task<MemberInfo> Invite(string roomId, Guid userId) => Room(roomId).Invite(UserId, userId);

    public Task Kick(string roomId, Guid userId) => Room(roomId).Kick(UserId, userId);

    public Task Ban(string roomId, Guid userId) => Room(roomId).Ban(UserId, userId);

    /// <summary>Bans and deletes the user's messages of the last <paramref name="deleteHours"/> hours; returns how many.</summary>
    public Task<int> BanAndDelete(string roomId, Guid userId, int deleteHours) => Room(roomId).BanAndDelete(UserId, userId, deleteHours);

    public Task Unban(string roomId, Guid userId) => Room(roomId).Unban(UserId, userId);

    public Task SetRole(string roomId, Guid userId, string role) =>
        Room(roomId).SetRole(UserId, userId, HubInput.Text(role, "role", 20));

    public Task<RoomSummary> UpdateRoom(string roomId, string? name, string? topic, bool? isPublic) =>
        Room(roomId).Update(UserId, new RoomUpdate(
            name is null ? null : HubInput.Text(name, "room name", ChatLimits.MaxRoomNameLength),
            topic is null ? null : HubInput.Length(topic, "topic", ChatLimits.MaxTopicLength),
            isPublic));

    public async Task<PostResult> Send(string roomId, string clientMsgId, string text)
    {
        using var span = StartSendSpan(roomId, clientMsgId);
        var result = await Sends.SendAsync(HubInput.RoomId(roomId), new PostRequest(
            HubInput.Text(clientMsgId, "message id", ChatLimits.MaxClientMsgIdLength),
            HubInput.Text(text, "message", ChatLimits.MaxMessageLength)));
        GatewayMetrics.MessagesReceived.Add(1);
        return result;
    }

    /// <summary>Sends a message that replies to the event <paramref name="replyToSeq"/>; ordered with the caller's sends.</summary>
    public async Task<PostResult> Reply(string roomId, string clientMsgId, long replyToSeq, string text)
    {
        using var span = StartSendSpan(roomId, clientMsgId);
        var result = await Sends.SendAsync(HubInput.RoomId(roomId), new PostRequest(
            HubInput.Text(clientMsgId, "message id", ChatLimits.MaxClientMsgIdLength),
            HubInput.Text(text, "message", ChatLimits.MaxMessageLength),
            replyToSeq));
        GatewayMetrics.MessagesReceived.Add(1);
        return result;
    }

    /// <summary>The gateway's step of a message's trace, under SignalR's own span of the hub invocation.</summary>
    private static System.Diagnostics.Activity? StartSendSpan(string roomId, string clientMsgId) =>
        ChatTracing.Source.StartActivity("chat.send")?
            .SetTag("chat.room", roomId).SetTag("chat.client_msg_id", clientMsgId);

    public Task<PostResult> Edit(string roomId, string clientMsgId, long targetSeq, string text) =>
        Room(roomId).Edit(UserId, ChangeId(clientMsgId), targetSeq, HubInput.Text(text, "message", ChatLimits.MaxMessageLength));

    public Task<PostResult> Delete(string roomId, string clientMsgId, long targetSeq) =>
        Room(roomId).Delete(UserId, ChangeId(clientMsgId), targetSeq);

    public Task<PostResult> React(string roomId, string clientMsgId, long targetSeq, string emoji, bool add) =>
        Room(roomId).React(UserId, ChangeId(clientMsgId), targetSeq, HubInput.Text(emoji, "emoji", ChatLimits.MaxReactionLength), add);

    public Task<PostResult> Pin(string roomId, string clientMsgId, long targetSeq, bool pinned) =>
        Room(roomId).Pin(UserId, ChangeId(clientMsgId), targetSeq, pinned);

    public Task<IReadOnlyList<RoomEvent>> Pinned(string roomId) => Room(roomId).GetPinned(UserId);

    private static string ChangeId(string clientMsgId) => HubInput.Text(clientMsgId, "message id", ChatLimits.MaxClientMsgIdLength);

    public Task Typing(string roomId) => Room(roomId).Typing(UserId);

    public Task MarkRead(string roomId, long seq) => User.MarkRead(HubInput.RoomId(roomId), seq);

    public Task SetNotify(string roomId, string level) =>
        User.SetNotify(HubInput.RoomId(roomId), HubInput.Text(level, "notification level", 16));

    public Task<EventPage> CatchUp(string roomId, long afterSeq) =>
        Room(roomId).GetEventsAfter(UserId, afterSeq, ChatLimits.MaxPageSize);

    public Task<EventPage> History(string roomId, long beforeSeq, int limit) =>
        Room(roomId).GetEventsBefore(UserId, beforeSeq, limit);

    /// <summary>How far each member of a small room has read (members who turned receipts off are left out).</summary>
    public Task<IReadOnlyList<ReadReceipt>> Receipts(string roomId) => Room(roomId).GetReceipts(UserId);

    /// <summary>Turns the caller's own read receipts on or off.</summary>
    public Task SetReceipts(bool on) => User.SetReceipts(on);

    /// <summary>
    /// A page of the room's member list after <paramref name="after"/> (a page's <c>next</c>; null: the first), at most
    /// <paramref name="limit"/> members, only names containing <paramref name="filter"/> (null: all), with the counts.
    /// </summary>
    public Task<MemberPage> Members(string roomId, string? after, int limit, string? filter) =>
        Room(roomId).GetMembers(UserId,
            after is null ? null : HubInput.Length(after, "page position", ChatLimits.MaxMemberCursorLength),
            limit,
            filter is null ? null : HubInput.Length(filter, "name filter", ChatLimits.MaxUserNameLength));

    public Task<IReadOnlyList<UserMatch>> OnlineUsers() =>
        grains.GetGrain<IOnlineUsersGrain>(IOnlineUsersGrain.Key).List(ChatLimits.MaxOnlineListed);

    public Task<IReadOnlyList<UserMatch>> SearchUsers(string prefix)
    {
        prefix = HubInput.Text(prefix, "search text", ChatLimits.MaxUserNameLength);
        return grains.GetGrain<IUserIndexGrain>(UserNames.IndexShard(prefix)).Search(prefix, ChatLimits.MaxSearchResults);
    }

    /// <summary>
    /// Messages of the caller's rooms (or of <paramref name="roomId"/> only) that match <paramref name="query"/>, newest
    /// first; <paramref name="cursor"/> is the previous page's <see cref="SearchResults.Next"/>. The user grain checks the
    /// query and the membership.
    /// </summary>
    public Task<SearchResults> Search(string? query, string? roomId, string? cursor) =>
        User.Search(query ?? "", roomId is null ? null : HubInput.RoomId(roomId),
            cursor is null ? null : HubInput.Length(cursor, "page position", ChatLimits.MaxSearchCursorLength));

    public Task<UserProfile> Rename(string name) => User.Rename(HubInput.Text(name, "name", ChatLimits.MaxUserNameLength * 2));

    /// <summary>Sets the caller's status text; null or blank clears it. The user grain checks it (protocol §2).</summary>
    public Task<UserProfile> SetStatus(string? text) =>
        User.SetStatus(text is null ? null : HubInput.Length(text, "status", ChatLimits.MaxStatusInputLength));

    /// <summary>
    /// Sets a password, or changes it: then <paramref name="currentPassword"/> must be right (null when none is set), and
    /// every other session of the user ends.
    /// </summary>
    public Task SetPassword(string? currentPassword, string password) =>
        User.SetPassword(
            currentPassword is null ? null : HubInput.Length(currentPassword, "current password", ChatLimits.MaxPasswordLength),
            HubInput.Length(password, "password", ChatLimits.MaxPasswordLength),
            ClientAddress.Of(Context.GetHttpContext()!),
            SessionId);

    /// <summary>The blocked user can no longer open a conversation with the caller, invite them, or write in their conversation.</summary>
    public Task Block(Guid userId) => User.Block(userId);

    public Task Unblock(Guid userId) => User.Unblock(userId);

    public Task<IReadOnlyList<UserMatch>> Blocked() => User.GetBlocked();

    /// <summary>Hides a direct conversation from the caller's list until it has a new message or is opened again.</summary>
    public Task HideConversation(string roomId) => User.HideConversation(HubInput.RoomId(roomId));
}
