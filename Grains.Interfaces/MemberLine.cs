using System.Text.Json;

namespace OrleansChat;

/// <summary>
/// The text of a <see cref="RoomEventKinds.Member"/> event, as JSON: what happened (<see cref="Change"/>, one of
/// <see cref="Joined"/>, <see cref="Added"/>, <see cref="Left"/>, <see cref="Kicked"/>, <see cref="Banned"/>) to whom
/// (<see cref="UserId"/>, <see cref="Name"/> at that moment). Who did it is the event's author.
/// </summary>
public sealed record MemberLine(string Change, Guid UserId, string Name)
{
    public const string Joined = "joined";
    public const string Added = "added";
    public const string Left = "left";
    public const string Kicked = "kicked";
    public const string Banned = "banned";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToText() => JsonSerializer.Serialize(this, Json);

    /// <summary>The line an event carries, or null when it is not a member line.</summary>
    public static MemberLine? Of(RoomEvent e) =>
        e.Kind == RoomEventKinds.Member ? JsonSerializer.Deserialize<MemberLine>(e.Text, Json) : null;
}
