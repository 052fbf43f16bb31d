using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.WebGateway.Diagnostics;
using OrleansChat.WebGateway.Hosting;
using OrleansChat.WebGateway.Identity;
using OrleansChat.WebGateway.Presence;

namespace OrleansChat.WebGateway.Hubs;

/// <summary>
/// The browser-facing hub (<c>/hubs/chat</c>, docs/protocol.md). It checks the shape of what arrives, takes the user id
/// from the authenticated connection only, and calls grains; every chat rule is checked by the grains.
/// </summary>
[Authorize(AuthenticationSchemes = ChatTokenAuthentication.SchemeName)]
public sealed class ChatHub(IGrainFactory grains, GatewayPresence presence, SessionConnections sessions, GatewayIdentity gateway) : Hub<IChatClient>
{
    private Guid UserId => Guid.Parse(Context.UserIdentifier!);

    private Guid SessionId => Guid.Parse(Context.User!.FindFirst(ChatTokenAuthentication.SessionClaim)!.Value);

    private IUserGrain User => grains.GetGrain<IUserGrain>(UserId);

    private IRoomGrain Room(string roomId) => grains.GetGrain<IRoomGrain>(HubInput.RoomId(roomId));

    private SendLanes Sends => (SendLanes)Context.Items[typeof(SendLanes)]!;

    public override async Task OnConnectedAsync()
    {
        // The user grain counts the user's connections on every gateway and refuses one too many (a ChatException: the
        // connection closes with its reason). First, because OnDisconnectedAsync does not run for a refused connection.
        await User.AdmitConnection(gateway.Id, gateway.Observer, Context.ConnectionId);
        try
        {
            // Created before the first invocation and only read afterwards, while invocations run concurrently.
            Context.Items[typeof(SendLanes)] = new SendLanes(grains, UserId);
            sessions.Add(UserId, SessionId, Context);
            var profile = await User.EnsureProfile();
            await presence.ConnectedAsync(Context.ConnectionId, profile);
        }
        catch
        {
            await User.ReleaseConnection(gateway.Id, Context.ConnectionId);
            throw;
        }
        // The session may have ended since the token was checked, before the user grain knew of this gateway and
        // could tell it: checked again now that it does (ConnectedAsync reported the connection), so no window is left.
        if (!await User.IsSessionActive(SessionId)) Context.Abort();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Remove(UserId, Context);
        await User.ReleaseConnection(gateway.Id, Context.ConnectionId);
        await presence.DisconnectedAsync(Context.ConnectionId, UserId);
    }

    public Task<UserProfile> Hello() => User.EnsureProfile();

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
        await OpenedAsync(await User.CreateRoom(HubInput.Text(name, "room name", ChatLimits.MaxRoomNameLength), isPrivate));

    public async Task<JoinResult> JoinRoom(string roomId) => await OpenedAsync(await User.JoinRoom(HubInput.RoomId(roomId)));

    /// <summary>
    /// The room now addresses its notifications to the caller's connections here (the other tabs learn of the room
    /// from the user grain); the caller is connected, so its own entry is shown online.
    /// </summary>
    private async Task<JoinResult> OpenedAsync(JoinResult result)
    {
        await presence.JoinedAsync(UserId, result.Room.Id);
        var me = UserId;
        return result with { Members = result.Members.Select(m => m.UserId == me ? m with { Online = true } : m).ToList() };
    }

    public Task LeaveRoom(string roomId) => User.LeaveRoom(HubInput.RoomId(roomId));

    public async Task<JoinResult> OpenDirect(Guid userId) => await OpenedAsync(await User.OpenDirect(userId));

    public Task<MemberInfo> Invite(string roomId, Guid userId) => Room(roomId).Invite(UserId, userId);

    public Task Kick(string roomId, Guid userId) => Room(roomId).Kick(UserId, userId);

    public Task Ban(string roomId, Guid userId) => Room(roomId).Ban(UserId, userId);

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
        var result = await Sends.SendAsync(
            HubInput.RoomId(roomId),
            HubInput.Text(clientMsgId, "message id", ChatLimits.MaxClientMsgIdLength),
            HubInput.Text(text, "message", ChatLimits.MaxMessageLength));
        GatewayMetrics.MessagesReceived.Add(1);
        return result;
    }

    public Task Typing(string roomId) => Room(roomId).Typing(UserId);

    public Task MarkRead(string roomId, long seq) => User.MarkRead(HubInput.RoomId(roomId), seq);

    public Task SetNotify(string roomId, string level) =>
        User.SetNotify(HubInput.RoomId(roomId), HubInput.Text(level, "notification level", 16));

    public Task<EventPage> CatchUp(string roomId, long afterSeq) =>
        Room(roomId).GetEventsAfter(UserId, afterSeq, ChatLimits.MaxPageSize);

    public Task<EventPage> History(string roomId, long beforeSeq, int limit) =>
        Room(roomId).GetEventsBefore(UserId, beforeSeq, limit);

    public Task<IReadOnlyList<MemberInfo>> Members(string roomId) => Room(roomId).GetMembers(UserId);

    public Task<IReadOnlyList<UserMatch>> OnlineUsers() =>
        grains.GetGrain<IOnlineUsersGrain>(IOnlineUsersGrain.Key).List(ChatLimits.MaxOnlineListed);

    public Task<IReadOnlyList<UserMatch>> SearchUsers(string prefix)
    {
        prefix = HubInput.Text(prefix, "search text", ChatLimits.MaxUserNameLength);
        return grains.GetGrain<IUserIndexGrain>(UserNames.IndexShard(prefix)).Search(prefix, ChatLimits.MaxSearchResults);
    }

    public Task<UserProfile> Rename(string name) => User.Rename(HubInput.Text(name, "name", ChatLimits.MaxUserNameLength * 2));

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
