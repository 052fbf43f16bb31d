using Orleans.Concurrency;

namespace OrleansChat;

/// <summary>
/// A chat room or a direct conversation: its members and their roles, bans, the online state of its members, and its
/// event log numbered 1, 2, 3, ... Key: the room id (<see cref="RoomIds"/>): a slug of the name for public rooms,
/// <c>p-…</c> for private rooms, <c>dm-…</c> for direct conversations; <c>lobby</c> always exists.
/// Every method that takes a user id checks that user's membership and role; the caller (the gateway) passes the
/// authenticated user id. To a non-member a private room looks exactly like a room that does not exist.
/// </summary>
[Alias("OrleansChat.IRoomGrain")]
public interface IRoomGrain : IGrainWithStringKey
{
    /// <summary>Creates the room with <paramref name="name"/>, <paramref name="owner"/> as its owner and first member.</summary>
    [Alias("Create")]
    Task<RoomSummary> Create(string name, Guid owner, MemberIdentity ownerIdentity, bool isPrivate);

    /// <summary>Opens (creating the first time) the direct conversation of two users; the key must be <see cref="RoomIds.Direct"/>.</summary>
    [Alias("OpenDirect")]
    Task<JoinResult> OpenDirect(Guid userId, MemberIdentity user, Guid peerId, MemberIdentity peer);

    /// <summary>
    /// Creates the group conversation of <paramref name="owner"/> and <paramref name="others"/> (user id → name and picture); the key
    /// must be a new <see cref="RoomIds.NewGroup"/>. Refused when someone of them blocked the owner, or past
    /// <c>Chat:Rooms:MaxGroupMembers</c>.
    /// </summary>
    [Alias("CreateGroup")]
    Task<JoinResult> CreateGroup(Guid owner, MemberIdentity ownerIdentity, Dictionary<Guid, MemberIdentity> others);

    /// <summary>Joins a public room, or opens a room the user is a member of.</summary>
    [Alias("Join")]
    Task<JoinResult> Join(Guid userId, MemberIdentity identity);

    [Alias("Leave")]
    Task Leave(Guid userId);

    /// <summary>Adds <paramref name="target"/> to a room; in a private room only moderators and the owner may.</summary>
    [Alias("Invite")]
    Task<MemberInfo> Invite(Guid actor, Guid target);

    /// <summary>Removes a member with a lower role; moderators and the owner only.</summary>
    [Alias("Kick")]
    Task Kick(Guid actor, Guid target);

    /// <summary>Removes (if a member) and bans a user with a lower role: a banned user cannot join or be invited.</summary>
    [Alias("Ban")]
    Task Ban(Guid actor, Guid target);

    /// <summary>
    /// Bans like <see cref="Ban"/>, then deletes the target's messages of the last <paramref name="deleteHours"/> hours
    /// (a <c>delete</c> event each, by the actor); returns how many were deleted.
    /// </summary>
    [Alias("BanAndDelete")]
    Task<int> BanAndDelete(Guid actor, Guid target, int deleteHours);

    [Alias("Unban")]
    Task Unban(Guid actor, Guid target);

    /// <summary>The owner makes a member a moderator or a member again.</summary>
    [Alias("SetRole")]
    Task SetRole(Guid actor, Guid target, string role);

    /// <summary>The owner changes name, topic or visibility.</summary>
    [Alias("Update")]
    Task<RoomSummary> Update(Guid actor, RoomUpdate update);

    /// <summary>
    /// Appends one or more messages of one sender, in the given order: each is acknowledged with its sequence number once
    /// durably stored, or refused with its reason (a refused message does not stop the ones after it). Idempotent per
    /// (user, clientMsgId): a retry is answered with the first one's sequence number. Throws a
    /// <see cref="ChatException"/> when the user may not post here at all. The gateway sends what a sender queued for a
    /// room while its previous call was in flight as one call (pipelining without reordering).
    /// </summary>
    /// <remarks>
    /// Its wire name is that of the batch method it replaced (same parameters and result), so that gateways and silos of
    /// the version before agree with this one during a rolling upgrade.
    /// </remarks>
    [Alias("PostMany"), AlwaysInterleave]
    Task<PostOutcome[]> Post(Guid userId, PostRequest[] posts);

    /// <summary>
    /// Before the gateway stores the bytes of a file <paramref name="userId"/> shares in this room: checks that the user
    /// may post here, then takes the upload from the user's budgets (<see cref="IUserGrain.TakeUpload"/>: size, rate,
    /// quota). Throws a <see cref="ChatException"/> when refused.
    /// </summary>
    [Alias("AuthorizeUpload"), AlwaysInterleave]
    Task AuthorizeUpload(Guid userId, long bytes);

    /// <summary>Whether <paramref name="userId"/> is a member now: a file shared in the room is served to members only.</summary>
    [Alias("CanRead"), AlwaysInterleave]
    Task<bool> CanRead(Guid userId);

    /// <summary>
    /// The author changes the text of their message <paramref name="targetSeq"/>: an <c>edit</c> event, acknowledged
    /// once durably stored, together with the message's stored text. Idempotent per (user, clientMsgId) like a post.
    /// </summary>
    [Alias("Edit"), AlwaysInterleave]
    Task<PostResult> Edit(Guid userId, string clientMsgId, long targetSeq, string text);

    /// <summary>
    /// Deletes the message <paramref name="targetSeq"/> (its author; in a room also moderators, the owner and site
    /// administrators): a <c>delete</c> event, committed together with the erasure of the message's text and of the
    /// texts of its edits from the store.
    /// </summary>
    [Alias("Delete"), AlwaysInterleave]
    Task<PostResult> Delete(Guid userId, string clientMsgId, long targetSeq);

    /// <summary>A member adds (or removes) a reaction with <paramref name="emoji"/> on a message: a <c>reaction</c> event.</summary>
    [Alias("React"), AlwaysInterleave]
    Task<PostResult> React(Guid userId, string clientMsgId, long targetSeq, string emoji, bool add);

    /// <summary>Moderators and the owner (any member in a direct conversation) pin or unpin a message: a <c>pin</c> event.</summary>
    [Alias("Pin"), AlwaysInterleave]
    Task<PostResult> Pin(Guid userId, string clientMsgId, long targetSeq, bool pinned);

    /// <summary>The room's pinned messages as they are now, oldest first.</summary>
    [Alias("GetPinned"), AlwaysInterleave]
    Task<IReadOnlyList<RoomEvent>> GetPinned(Guid userId);

    /// <summary>Tells the room's other members that <paramref name="userId"/> is typing (throttled per user).</summary>
    [Alias("Typing"), AlwaysInterleave]
    Task Typing(Guid userId);

    /// <summary>Events with <c>seq &gt; afterSeq</c>, oldest first, at most <paramref name="limit"/>.</summary>
    [Alias("GetEventsAfter"), AlwaysInterleave]
    Task<EventPage> GetEventsAfter(Guid userId, long afterSeq, int limit);

    /// <summary>Events with <c>seq &lt; beforeSeq</c>, oldest first, the newest <paramref name="limit"/> of them.</summary>
    [Alias("GetEventsBefore"), AlwaysInterleave]
    Task<EventPage> GetEventsBefore(Guid userId, long beforeSeq, int limit);

    /// <summary>
    /// A member's read marker moved to <paramref name="seq"/> (sent by the user grain, one-way); -1: the member turned
    /// read receipts off. Kept in memory for rooms of up to <c>Chat:Rooms:ReceiptsMaxMembers</c> members and pushed to
    /// them (<see cref="IRoomObserver.OnReceipt"/>).
    /// </summary>
    [OneWay, Alias("ReadUpTo")]
    Task ReadUpTo(Guid userId, long seq);

    /// <summary>How far each member who has receipts on has read; only in rooms of up to <c>Chat:Rooms:ReceiptsMaxMembers</c> members.</summary>
    [Alias("GetReceipts"), AlwaysInterleave]
    Task<IReadOnlyList<ReadReceipt>> GetReceipts(Guid userId);

    /// <summary>
    /// A page of the member list in its order (online, then away, each by name; then the offline, most recently active
    /// first), after the position <paramref name="after"/> (a <see cref="MemberPage.Next"/>; null: from the start), at
    /// most <paramref name="limit"/> members (up to <c>Chat:Rooms:MaxMemberPage</c>), only those whose name contains
    /// <paramref name="filter"/> ignoring case (null: all), with the room's counts.
    /// </summary>
    [Alias("GetMembers"), AlwaysInterleave]
    Task<MemberPage> GetMembers(Guid userId, string? after, int limit, string? filter = null);

    /// <summary>The room as the member <paramref name="userId"/> lists it (its read marker is the user's to add).</summary>
    [Alias("GetListing"), AlwaysInterleave]
    Task<RoomListing> GetListing(Guid userId);

    /// <summary>
    /// The room as <see cref="GetListing"/> lists it, with <see cref="RoomListing.Unread"/>: the messages of others
    /// after the user's read marker <paramref name="readMarker"/> (system lines and changes of messages do not count).
    /// </summary>
    [Alias("GetListingFor"), AlwaysInterleave]
    Task<RoomListing> GetListingFor(Guid userId, long readMarker);

    /// <summary>
    /// The user grain tells each room of the user that the user's name, picture or status text changed; the room stores it and pushes a
    /// <see cref="MemberChangeKinds.Profile"/> member change.
    /// </summary>
    [Alias("MemberProfileChanged")]
    Task MemberProfileChanged(Guid userId, MemberIdentity identity);

    /// <summary>
    /// A gateway announces (or renews) its interest in the room's notifications, with the users it has connected (the
    /// room keeps only its members). A gateway that does not renew within the expiry is forgotten and its members go
    /// offline. <paramref name="seenSeq"/> is the newest event the gateway has received of the room (0: none) and
    /// <paramref name="knownActivation"/> the activation it last talked to (empty: none): a gateway that knew an earlier
    /// activation (the room restarted) gets the member list and the events after <paramref name="seenSeq"/> pushed at
    /// once. <paramref name="version"/> is the gateway's count of its presence changes when it took
    /// <paramref name="onlineUsers"/>: a report of <see cref="SetOnline"/> with a later version wins over the list for
    /// that user, whichever arrives first. <paramref name="awayUsers"/> are those of <paramref name="onlineUsers"/> whose
    /// every connection on the gateway is away (null: none). Returns the id of this activation of the room.
    /// </summary>
    [Alias("Subscribe")]
    Task<Guid> Subscribe(
        string gatewayId, IRoomObserver observer, Guid[] onlineUsers, long seenSeq, Guid knownActivation, long version, Guid[]? awayUsers = null);

    [Alias("Unsubscribe")]
    Task Unsubscribe(string gatewayId);

    /// <summary>
    /// A gateway's first connection of a user opened (online) or its last one closed (offline), or the user's
    /// connections on it all went <paramref name="away"/> (or one came back: online and not away). Renews the gateway's
    /// lease like <see cref="Subscribe"/>. A user who is not a member is not recorded. <paramref name="version"/> as in
    /// <see cref="Subscribe"/>: a report older than what the room has from that gateway about that user is ignored. The
    /// room pushes a member change when the user's state over all gateways changes (online, away, offline).
    /// </summary>
    [Alias("SetOnline")]
    Task<PresenceAck> SetOnline(string gatewayId, IRoomObserver observer, Guid userId, bool online, long version, bool away = false);

    /// <summary>
    /// <paramref name="blocker"/> blocked (or unblocked) <paramref name="blocked"/>: in their direct conversation (this
    /// grain's key must be <see cref="RoomIds.Direct"/> of the two) the blocked one's posts are refused. Nothing happens
    /// when the conversation does not exist yet: it asks the users when it is created.
    /// </summary>
    [Alias("SetBlocked")]
    Task SetBlocked(Guid blocker, Guid blocked, bool isBlocked);
}
