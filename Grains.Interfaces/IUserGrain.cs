using Orleans.Concurrency;

namespace OrleansChat;

/// <summary>
/// A user: unique name (locked through <see cref="IUserNameGrain"/>), optional password, the rooms it belongs to with
/// its read markers; it admits the user's connections (counted by the gateways' leases, <see cref="IGatewayGrain"/>).
/// Key: the user id, issued by the server inside the signed identity token.
/// </summary>
[Alias("OrleansChat.IUserGrain")]
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Returns the profile, creating the user (a generated unique name) the first time. A new user belongs to no room
    /// yet: the page opens (joins) the lobby. Not joining here keeps user creation cheap: every join rewrites the
    /// room's member list, and the lobby's is the longest.
    /// </summary>
    [Alias("EnsureProfile")]
    Task<UserProfile> EnsureProfile();

    [Alias("GetProfile"), AlwaysInterleave]
    Task<UserProfile?> GetProfile();

    [Alias("Rename")]
    Task<UserProfile> Rename(string newName);

    /// <summary>
    /// Sets the user's picture (a square WebP image made by the gateway from an upload, docs/protocol.md §6), within the
    /// user's budget of picture changes, and announces it to every room of the user.
    /// </summary>
    [Alias("SetAvatar")]
    Task<UserProfile> SetAvatar(byte[] picture);

    /// <summary>Back to the generated avatar; announced like <see cref="SetAvatar"/>.</summary>
    [Alias("RemoveAvatar")]
    Task<UserProfile> RemoveAvatar();

    /// <summary>
    /// Sets the user's short status text (trimmed; null, empty or white space clears it), checked by the grain: at most
    /// <c>Chat:Users:MaxStatusLength</c> characters, one line, no control or text-direction characters, within the
    /// user's budget of status changes. Stored with the user and announced to every room of the user like a name.
    /// </summary>
    [Alias("SetStatus")]
    Task<UserProfile> SetStatus(string? text);

    /// <summary>The user's picture, or null when they have none (or there is no such user). Any logged-in user may see it.</summary>
    [Alias("GetAvatar"), AlwaysInterleave]
    Task<AvatarPicture?> GetAvatar();

    /// <summary>
    /// Sets (or changes) the password that lets the user log in from another browser. Changing one needs the current
    /// password (<paramref name="currentPassword"/>, ignored when none is set), checked and throttled like a login from
    /// <paramref name="clientAddress"/>.
    /// <para>A change (not the first password) ends every other session of the user: only
    /// <paramref name="keepSessionId"/>, the caller's, stays signed in.</para>
    /// </summary>
    [Alias("SetPassword2")]
    Task SetPassword(string? currentPassword, string newPassword, string clientAddress, Guid keepSessionId);

    /// <summary>
    /// Starts a session (a new guest, a login, an exchanged old token) that ends at <paramref name="expiresAt"/> at the
    /// latest; creates the user the first time, like <see cref="EnsureProfile"/>.
    /// </summary>
    [Alias("StartSession")]
    Task<UserProfile> StartSession(Guid sessionId, DateTimeOffset expiresAt);

    /// <summary>The profile while <paramref name="sessionId"/> is active (a token refresh); null once it ended.</summary>
    [Alias("ResumeSession")]
    Task<UserProfile?> ResumeSession(Guid sessionId);

    [Alias("IsSessionActive"), AlwaysInterleave]
    Task<bool> IsSessionActive(Guid sessionId);

    /// <summary>
    /// Log out: ends <paramref name="sessionId"/>, or every session of the user when <paramref name="everywhere"/>.
    /// Gateways with connections of the user are told to close those of the ended sessions.
    /// </summary>
    [Alias("EndSessions")]
    Task EndSessions(Guid sessionId, bool everywhere);

    /// <summary>
    /// Checks a password for a login from <paramref name="clientAddress"/> (an IPv4 address or IPv6 /64 prefix);
    /// repeated failures make that address, and past a looser account-wide ceiling every address the owner has never
    /// logged in from, wait longer and longer. Old-format hashes are replaced on success.
    /// </summary>
    [Alias("VerifyPassword2")]
    Task<LoginResult> VerifyPassword(string password, string clientAddress);

    [Alias("CreateRoom")]
    Task<JoinResult> CreateRoom(string name, bool isPrivate);

    [Alias("JoinRoom")]
    Task<JoinResult> JoinRoom(string roomId);

    [Alias("LeaveRoom")]
    Task LeaveRoom(string roomId);

    /// <summary>Opens the direct conversation with <paramref name="peerId"/> (one per pair of users).</summary>
    [Alias("OpenDirect")]
    Task<JoinResult> OpenDirect(Guid peerId);

    /// <summary>
    /// Starts a group conversation with <paramref name="userIds"/> (two or more others; the user is added): a private
    /// conversation without a name, listed with the direct ones. Costs one new conversation of the budget.
    /// </summary>
    [Alias("CreateGroup")]
    Task<JoinResult> CreateGroup(Guid[] userIds);

    /// <summary>The user's rooms and conversations with unread counts (from the read markers).</summary>
    [Alias("GetRooms")]
    Task<IReadOnlyList<RoomListing>> GetRooms();

    /// <summary>Moves the read marker of <paramref name="roomId"/> forward to <paramref name="seq"/>.</summary>
    [Alias("MarkRead")]
    Task MarkRead(string roomId, long seq);

    /// <summary>
    /// Sets how much of <paramref name="roomId"/> the user wants to be told about (one of <see cref="NotifyLevels"/>);
    /// <see cref="GetRooms"/> returns it. Refused for a room the user is not in.
    /// </summary>
    [Alias("SetNotify")]
    Task SetNotify(string roomId, string level);

    /// <summary>A room added the user (invitation, direct conversation): one-way, so a room never waits for a user.</summary>
    [OneWay, Alias("RoomAdded")]
    Task RoomAdded(string roomId);

    /// <summary>A room removed the user (kick, ban).</summary>
    [OneWay, Alias("RoomRemoved")]
    Task RoomRemoved(string roomId);

    /// <summary>
    /// Admits a new connection of the user on <paramref name="gatewayId"/>, counted with the user's connections on
    /// every gateway; throws <see cref="ChatException"/> with the reason when the user has <c>Chat:Users:MaxConnections</c>
    /// open already. The gateway calls it before it sets the connection up; the connection is recorded in the gateway's
    /// lease (<see cref="IGatewayGrain.TryAdmit"/>), which the gateway tells when it closes.
    /// </summary>
    [Alias("AdmitConnection")]
    Task AdmitConnection(string gatewayId, IRoomObserver gateway, string connectionId);

    /// <summary>
    /// Blocks <paramref name="userId"/>: they can no longer open a direct conversation with this user, invite them to a
    /// room, or write in their existing direct conversation. Idempotent (a repeat re-tells the conversation).
    /// </summary>
    [Alias("Block")]
    Task Block(Guid userId);

    [Alias("Unblock")]
    Task Unblock(Guid userId);

    /// <summary>The users this user blocked, with their names.</summary>
    [Alias("GetBlocked")]
    Task<IReadOnlyList<UserMatch>> GetBlocked();

    /// <summary>Whether this user blocked <paramref name="userId"/>; asked by rooms before a new conversation or invitation.</summary>
    [Alias("Blocks"), AlwaysInterleave]
    Task<bool> Blocks(Guid userId);

    /// <summary>
    /// Hides a direct conversation from <see cref="GetRooms"/> until it has a new event or the user opens it again. The
    /// user stays a member (a direct conversation cannot be left) and keeps receiving it.
    /// </summary>
    [Alias("HideConversation")]
    Task HideConversation(string roomId);

    /// <summary>
    /// Turns the user's read receipts on or off: off, the user's rooms stop showing how far the user has read (they
    /// are told at once), and <see cref="GetReadMarker"/> answers -1.
    /// </summary>
    [Alias("SetReceipts")]
    Task SetReceipts(bool on);

    /// <summary>The user's read marker of <paramref name="roomId"/> (0: none) for its read receipts; -1 when the user turned them off.</summary>
    [Alias("GetReadMarker"), AlwaysInterleave]
    Task<long> GetReadMarker(string roomId);

    /// <summary>
    /// Takes one invitation from the user's budget (<c>Chat:Users:Invitation*</c>); false when it is spent. Called by
    /// the room the user invites to; interleaves (it awaits nothing), so a room waiting on it can never deadlock with a
    /// call of this user into that room.
    /// </summary>
    [Alias("TryTakeInvitation"), AlwaysInterleave]
    Task<bool> TryTakeInvitation();

    /// <summary>
    /// Up to <paramref name="wanted"/> credits of the user's send budget over all rooms, for a room to spend locally
    /// (docs/architecture.md, "Abuse control"); 0 when it is spent. Interleaves like <see cref="TryTakeInvitation"/>.
    /// </summary>
    [Alias("LeaseSendCredits"), AlwaysInterleave]
    Task<int> LeaseSendCredits(int wanted);

    /// <summary>
    /// Takes one upload of <paramref name="bytes"/> from the user's budgets (<c>Chat:Files:*</c>): the size limit, the
    /// uploads per minute and the storage quota (the user's stored files plus this one); throws a
    /// <see cref="ChatException"/> saying which is exceeded. Called by the room the file is shared in
    /// (<see cref="IRoomGrain.AuthorizeUpload"/>), which checked membership first.
    /// </summary>
    [Alias("TakeUpload")]
    Task TakeUpload(long bytes);

    /// <summary>A room gives back send credits it leased and did not use.</summary>
    [OneWay, Alias("ReturnSendCredits"), AlwaysInterleave]
    Task ReturnSendCredits(int credits);

    /// <summary>
    /// Finds messages by their words in the rooms and conversations the user is a member of now (or only in
    /// <paramref name="roomId"/>, which must be one of them), newest first, one page at a time (<paramref name="cursor"/>:
    /// <see cref="SearchResults.Next"/> of the previous page). The query takes words, "phrases", -excluded words and the
    /// filters in:#room, from:name, before: and after: dates (docs/protocol.md, Search). Bad input, and a search that
    /// runs too long, throw <see cref="ChatException"/> with what to change.
    /// </summary>
    [Alias("Search")]
    Task<SearchResults> Search(string query, string? roomId, string? cursor);
}
