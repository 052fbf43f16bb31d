namespace OrleansChat;

/// <summary>Limits shared by the gateway (shape checks) and the grains (rules).</summary>
public static class ChatLimits
{
    public const int MaxMessageLength = 4000;
    public const int MaxRoomNameLength = 40;
    public const int MaxUserNameLength = 32;
    public const int MinUserNameLength = 2;
    public const int MaxClientMsgIdLength = 64;
    public const int MaxPageSize = 500;
    public const int RecentOnJoin = 50;
    public const int TailSize = 500;
    public const int MaxHubMessageBytes = 32 * 1024;

    /// <summary>Hub invocations one connection may have running at once (a sender's pipelined sends).</summary>
    public const int MaxParallelInvocations = 16;

    /// <summary>Messages in one <see cref="IRoomGrain.Post"/> call.</summary>
    public const int MaxPostsPerBatch = 100;

    /// <summary>The most user ids one CreateGroup call may name (a bound on the input; the group's size is Chat:Rooms:MaxGroupMembers).</summary>
    public const int MaxGroupInvitees = 50;
    public const int MaxTopicLength = 200;

    /// <summary>UTF-16 units of a reaction's emoji (one emoji, a long ZWJ sequence or a subdivision flag included).</summary>
    public const int MaxReactionLength = 32;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int MaxSearchResults = 20;
    public const int MaxOnlineListed = 200;

    /// <summary>Length of a search of the public room list (names and topics).</summary>
    public const int MaxRoomSearchLength = 100;

    /// <summary>A message search's page position (a store's cursor: a time, a seq and a room id).</summary>
    public const int MaxSearchCursorLength = 100;

    /// <summary>A member page's position (<see cref="MemberPage.Next"/>: a place in the list's order and a name).</summary>
    public const int MaxMemberCursorLength = 200;

    /// <summary>
    /// The hub's bound on a status text's length (its shape); the grain's rule is <c>Chat:Users:MaxStatusLength</c>
    /// (80 by default), which an operator may raise up to this.
    /// </summary>
    public const int MaxStatusInputLength = 500;
    public const string LobbyId = "lobby";
}
