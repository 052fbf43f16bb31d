using System.Text.RegularExpressions;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// <c>@here</c> in a message asks every member online in the room for attention (their pages notify them). Only the
/// owner and moderators may use it, so that any stored <c>@here</c> is one a page may trust without knowing roles.
/// </summary>
public static partial class HereMention
{
    public const string RefusedMessage = "Only the owner and moderators can use @here.";

    /// <summary>True when <paramref name="text"/> has <c>@here</c> as a word of its own (any case).</summary>
    public static bool In(string text) => Pattern().IsMatch(text);

    /// <summary>Throws <see cref="ChatException"/> when a member of <paramref name="role"/> may not post <paramref name="text"/>.</summary>
    public static void Ensure(string text, string role)
    {
        if (RoomRoles.Rank(role) < RoomRoles.Rank(RoomRoles.Moderator) && In(text)) throw new ChatException(RefusedMessage);
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}_@])@here(?![\p{L}\p{N}_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
