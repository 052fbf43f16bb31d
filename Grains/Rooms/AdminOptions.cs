namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Site administrators (configuration <c>Chat:Admins</c>, a list of user ids): they moderate every room, the lobby
/// included, and rank above its owner. Read where the grains run (silos, or the all-in-one gateway).
/// </summary>
public sealed class AdminOptions
{
    /// <summary>The section whose <see cref="Admins"/> key is bound (<c>Chat:Admins:0</c>, <c>Chat:Admins:1</c> ...).</summary>
    public const string Section = "Chat";

    public List<Guid> Admins { get; set; } = [];

    public bool IsAdmin(Guid userId) => Admins.Contains(userId);
}
