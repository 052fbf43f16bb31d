using System.Text.Json;

namespace OrleansChat;

/// <summary>
/// The text of a <see cref="RoomEventKinds.Room"/> event, as JSON: <see cref="Renamed"/> (from <see cref="OldName"/> to
/// <see cref="Name"/>) or <see cref="TopicChanged"/> (to <see cref="Topic"/>; empty: cleared). Who did it is the
/// event's author.
/// </summary>
public sealed record RoomLine(string Change, string? Name = null, string? OldName = null, string? Topic = null)
{
    public const string Renamed = "renamed";
    public const string TopicChanged = "topic";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToText() => JsonSerializer.Serialize(this, Json);

    /// <summary>The line an event carries, or null when it is not a room line.</summary>
    public static RoomLine? Of(RoomEvent e) =>
        e.Kind == RoomEventKinds.Room ? JsonSerializer.Deserialize<RoomLine>(e.Text, Json) : null;
}
