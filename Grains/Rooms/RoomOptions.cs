namespace OrleansChat.Grains.Rooms;

/// <summary>Settings of the room grains (configuration section <c>Chat:Rooms</c>).</summary>
public sealed class RoomOptions
{
    public const string Section = "Chat:Rooms";

    /// <summary>A gateway that has not renewed its subscription for this long is forgotten; its users go offline.</summary>
    public TimeSpan SubscriptionExpiry { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// A gateway whose beats (<see cref="IGatewayGrain"/>, every <c>Chat:GatewayBeat</c>) stop for this long is declared
    /// gone: its rooms forget it at once instead of at <see cref="SubscriptionExpiry"/>.
    /// </summary>
    public TimeSpan GatewayTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How many times a conflicting append is retried after reloading the room's state from the store.</summary>
    public int MaxAppendAttempts { get; set; } = 3;

    /// <summary>Sustained messages per second one user may post in one room (token bucket refill rate).</summary>
    public double SendRatePerSecond { get; set; } = 5;

    /// <summary>How many messages a user may post at once before the rate applies (token bucket size).</summary>
    public int SendBurst { get; set; } = 20;

    /// <summary>At most one typing notification per user and room within this interval.</summary>
    public TimeSpan TypingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Room names nobody may create or rename a room to, besides "Lobby" (always reserved); compared ignoring case,
    /// spacing, separators and look-alike letters (<see cref="ReservedRoomNames"/>).
    /// </summary>
    public List<string> ReservedNames { get; set; } = [];

    /// <summary>Different emoji a message may have as reactions.</summary>
    public int MaxReactionEmoji { get; set; } = 20;

    /// <summary>Reactions (all emoji, all users) a message may have: its reactions are one stored value.</summary>
    public int MaxReactionsPerMessage { get; set; } = 1000;

    /// <summary>Messages a room may have pinned at once.</summary>
    public int MaxPinnedMessages { get; set; } = 50;

    /// <summary>The most people in a group conversation, its creator included (issue 14: up to nine, like Slack).</summary>
    public int MaxGroupMembers { get; set; } = 9;

    /// <summary>The longest period (hours before the ban) whose messages a ban can delete.</summary>
    public int MaxBanDeleteHours { get; set; } = 168;

    /// <summary>The most messages one ban deletes (the oldest of the period first).</summary>
    public int MaxBanDeleteMessages { get; set; } = 1000;

    /// <summary>Rooms of up to this many members keep and push read receipts (direct conversations always do).</summary>
    public int ReceiptsMaxMembers { get; set; } = 50;

    /// <summary>
    /// Members of a public room who were not active in it for this long and are not online leave it, unless they are its
    /// owner or a moderator (<see cref="MemberActivity"/>); zero turns the rule off. Private rooms, groups and direct
    /// conversations are never swept.
    /// </summary>
    public TimeSpan InactiveMemberExpiry { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often an active room saves its members' changed activity times and removes inactive members.</summary>
    public TimeSpan MemberSweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The most inactive members one sweep removes (each removal is one write of the room's state).</summary>
    public int MaxInactiveRemovals { get; set; } = 20;

    /// <summary>Members in the first page of the member list that joining or opening a room answers (<see cref="JoinResult"/>).</summary>
    public int MembersOnJoin { get; set; } = 50;

    /// <summary>The most members one <see cref="IRoomGrain.GetMembers"/> page may ask for.</summary>
    public int MaxMemberPage { get; set; } = 200;

    /// <summary>
    /// Members one filtered page looks at before it answers with what it found and a position to go on from, so a rare
    /// name costs a bounded walk, not a pass over 100,000 members.
    /// </summary>
    public int MemberFilterScan { get; set; } = 20_000;

    /// <summary>
    /// Rooms of more members than this do not push each member's online, away and offline changes to every client
    /// (lazy presence, docs/architecture.md "Member pages"): clients get the counts and re-read the members they show.
    /// </summary>
    public int LazyPresenceAbove { get; set; } = 1000;

    /// <summary>A room whose member list is paged pushes its counts at most once per this interval.</summary>
    public TimeSpan MemberCountsInterval { get; set; } = TimeSpan.FromSeconds(1);
}
