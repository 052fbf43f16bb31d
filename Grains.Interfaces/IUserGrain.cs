namespace OrleansChat;

/// <summary>
/// A user: generated or chosen unique name, the rooms it has joined, and how many connections it has per gateway.
/// Key: the user id, issued by the server inside the signed identity token.
/// </summary>
[Alias("OrleansChat.IUserGrain")]
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>Returns the profile, creating the user (a generated unique name, member of the lobby) the first time.</summary>
    [Alias("EnsureProfile")]
    Task<UserProfile> EnsureProfile();

    [Alias("GetProfile")]
    Task<UserProfile?> GetProfile();

    [Alias("Rename")]
    Task<UserProfile> Rename(string newName);

    [Alias("CreateRoom")]
    Task<JoinResult> CreateRoom(string name);

    [Alias("JoinRoom")]
    Task<JoinResult> JoinRoom(string roomId);

    [Alias("LeaveRoom")]
    Task LeaveRoom(string roomId);

    /// <summary>The number of connections this user has on <paramref name="gatewayId"/> (0 removes it).</summary>
    [Alias("SetConnections")]
    Task SetConnections(string gatewayId, int count);

    [Alias("IsOnline")]
    Task<bool> IsOnline();
}
