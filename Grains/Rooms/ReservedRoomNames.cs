namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Names no room may take or be renamed to: the lobby's, and those configured (<see cref="RoomOptions.ReservedNames"/>),
/// compared by <see cref="RoomIds.ReservedKey"/> so that a look-alike cannot pass for them.
/// </summary>
public sealed class ReservedRoomNames(IEnumerable<string> configured)
{
    /// <summary>The lobby's name, reserved whatever the configuration says.</summary>
    public const string Lobby = "Lobby";

    private readonly HashSet<string> _keys = configured.Append(Lobby)
        .Where(n => !string.IsNullOrWhiteSpace(n))
        .Select(RoomIds.ReservedKey)
        .Where(k => k.Length > 0)
        .ToHashSet(StringComparer.Ordinal);

    public bool IsReserved(string name) => _keys.Contains(RoomIds.ReservedKey(name));
}
