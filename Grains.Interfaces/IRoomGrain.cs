using Orleans.Concurrency;

namespace OrleansChat;

/// <summary>
/// A chat room: its members, the online state of its members, and its event log numbered 1, 2, 3, ...
/// Key: the room id, a slug of the room name (<see cref="RoomIds"/>); <c>lobby</c> always exists.
/// Every method that takes a user id checks that user's membership; the caller (the gateway) passes the
/// authenticated user id.
/// </summary>
[Alias("OrleansChat.IRoomGrain")]
public interface IRoomGrain : IGrainWithStringKey
{
    /// <summary>Creates the room with <paramref name="name"/>, <paramref name="owner"/> as its first member.</summary>
    [Alias("Create")]
    Task<RoomSummary> Create(string name, Guid owner, string ownerName);

    [Alias("Join")]
    Task<JoinResult> Join(Guid userId, string userName);

    [Alias("Leave")]
    Task Leave(Guid userId);

    /// <summary>Appends a message; returns its sequence number once it is durably stored. Idempotent per (user, clientMsgId).</summary>
    [Alias("Post"), AlwaysInterleave]
    Task<PostResult> Post(Guid userId, string clientMsgId, string text);

    /// <summary>Events with <c>seq &gt; afterSeq</c>, oldest first, at most <paramref name="limit"/>.</summary>
    [Alias("GetEventsAfter"), AlwaysInterleave]
    Task<EventPage> GetEventsAfter(Guid userId, long afterSeq, int limit);

    /// <summary>Events with <c>seq &lt; beforeSeq</c>, oldest first, the newest <paramref name="limit"/> of them.</summary>
    [Alias("GetEventsBefore"), AlwaysInterleave]
    Task<EventPage> GetEventsBefore(Guid userId, long beforeSeq, int limit);

    [Alias("GetMembers"), AlwaysInterleave]
    Task<IReadOnlyList<MemberInfo>> GetMembers(Guid userId);

    [Alias("GetSummary"), AlwaysInterleave]
    Task<RoomSummary?> GetSummary();

    [Alias("MemberRenamed")]
    Task MemberRenamed(Guid userId, string newName);

    /// <summary>
    /// A gateway announces (or renews) its interest in the room's notifications, with the members it has connected.
    /// A gateway that does not renew within the expiry is forgotten and its members go offline.
    /// Returns the id of this activation of the room: when it changes, the room was restarted (on another silo, say),
    /// its earlier notifications may have been lost and its presence was rebuilt from the gateways' renewals.
    /// </summary>
    [Alias("Subscribe")]
    Task<Guid> Subscribe(string gatewayId, IRoomObserver observer, Guid[] onlineUsers);

    /// <summary>Every member with its online state now; for gateways, to refresh their clients after a restart of the room.</summary>
    [Alias("GetPresence"), AlwaysInterleave]
    Task<IReadOnlyList<MemberInfo>> GetPresence();

    [Alias("Unsubscribe")]
    Task Unsubscribe(string gatewayId);

    /// <summary>
    /// A gateway's first connection of a user opened (online) or its last one closed (offline). Renews the gateway's
    /// subscription like <see cref="Subscribe"/> and returns the room's activation id as it does.
    /// </summary>
    [Alias("SetOnline")]
    Task<Guid> SetOnline(string gatewayId, IRoomObserver observer, Guid userId, bool online);
}
