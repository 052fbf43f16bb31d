using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.WebGateway.Diagnostics;
using OrleansChat.WebGateway.Identity;
using OrleansChat.WebGateway.Notifications;

namespace OrleansChat.WebGateway.Hubs;

/// <summary>
/// The browser-facing hub (<c>/hubs/chat</c>, docs/protocol.md). It checks the shape of what arrives, takes the user id
/// from the authenticated connection only, and calls grains; every chat rule is checked by the grains.
/// </summary>
[Authorize(AuthenticationSchemes = ChatTokenAuthentication.SchemeName)]
public sealed class ChatHub(IGrainFactory grains, LocalConnections connections) : Hub
{
    private Guid UserId => Guid.Parse(Context.UserIdentifier!);

    private IUserGrain User => grains.GetGrain<IUserGrain>(UserId);

    private IRoomGrain Room(string roomId) => grains.GetGrain<IRoomGrain>(HubInput.RoomId(roomId));

    public override async Task OnConnectedAsync()
    {
        var profile = await User.EnsureProfile();
        await connections.ConnectedAsync(Context.ConnectionId, UserId, profile.Rooms);
    }

    public override Task OnDisconnectedAsync(Exception? exception) =>
        connections.DisconnectedAsync(Context.ConnectionId, UserId);

    public Task<UserProfile> Hello() => User.EnsureProfile();

    public Task<IReadOnlyList<RoomSummary>> ListRooms() =>
        grains.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).List();

    public async Task<JoinResult> CreateRoom(string name)
    {
        var result = await User.CreateRoom(HubInput.Text(name, "room name", ChatLimits.MaxRoomNameLength));
        await connections.AddToRoomAsync(UserId, result.Room.Id);
        return result;
    }

    public async Task<JoinResult> JoinRoom(string roomId)
    {
        var result = await User.JoinRoom(HubInput.RoomId(roomId));
        await connections.AddToRoomAsync(UserId, result.Room.Id);
        return result;
    }

    public async Task LeaveRoom(string roomId)
    {
        await User.LeaveRoom(HubInput.RoomId(roomId));
        // The room's own notification may arrive later (or never); this gateway's tabs of the user must stop
        // receiving the room now, and learn that they left it.
        var profile = await User.GetProfile();
        var change = new MemberChange(MemberChangeKinds.Left, new MemberInfo(UserId, profile?.Name ?? "", Online: true));
        await Clients.User(Context.UserIdentifier!).SendAsync(HubEvents.Member, roomId, change);
        await connections.RemoveFromRoomAsync(UserId, roomId);
    }

    public async Task<PostResult> Send(string roomId, string clientMsgId, string text)
    {
        var result = await Room(roomId).Post(
            UserId,
            HubInput.Text(clientMsgId, "message id", ChatLimits.MaxClientMsgIdLength),
            HubInput.Text(text, "message", ChatLimits.MaxMessageLength));
        GatewayMetrics.MessagesReceived.Add(1);
        return result;
    }

    public Task<EventPage> CatchUp(string roomId, long afterSeq) =>
        Room(roomId).GetEventsAfter(UserId, afterSeq, ChatLimits.MaxPageSize);

    public Task<EventPage> History(string roomId, long beforeSeq, int limit) =>
        Room(roomId).GetEventsBefore(UserId, beforeSeq, limit);

    public Task<IReadOnlyList<MemberInfo>> Members(string roomId) => Room(roomId).GetMembers(UserId);

    public Task<UserProfile> Rename(string name) => User.Rename(HubInput.Text(name, "name", ChatLimits.MaxUserNameLength * 2));
}
