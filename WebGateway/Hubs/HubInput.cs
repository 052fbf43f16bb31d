using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.WebGateway.Hubs;

/// <summary>Shape checks of hub arguments (presence, size); the grains check what the values mean.</summary>
public static class HubInput
{
    public static string RoomId(string? roomId) =>
        RoomIds.IsValidId(roomId) ? roomId! : throw new HubException("That is not a valid room id.");

    public static string Text(string? value, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new HubException($"The {what} is missing.");
        if (value.Length > maxLength) throw new HubException($"The {what} is too long (at most {maxLength} characters).");
        return value;
    }

    /// <summary>A value that may be empty but not missing or too long.</summary>
    public static string Length(string? value, string what, int maxLength)
    {
        if (value is null) throw new HubException($"The {what} is missing.");
        if (value.Length > maxLength) throw new HubException($"The {what} is too long (at most {maxLength} characters).");
        return value;
    }
}
