namespace OrleansChat;

/// <summary>The kinds of <see cref="RoomEvent"/>.</summary>
public static class RoomEventKinds
{
    public const string Message = "message";

    /// <summary>The author changed the text of the message <see cref="RoomEvent.TargetSeq"/>; the event's text is the new one.</summary>
    public const string Edit = "edit";

    /// <summary>The message <see cref="RoomEvent.TargetSeq"/> was deleted: its text is gone from the store.</summary>
    public const string Delete = "delete";

    /// <summary>A reaction was added or removed; the event's reactions are the message's after the change.</summary>
    public const string Reaction = "reaction";

    /// <summary>The message was pinned (<see cref="RoomEvent.Pinned"/> true) or unpinned (false).</summary>
    public const string Pin = "pin";

    /// <summary>
    /// A system line: someone joined, was added, left, was kicked or banned. The author is who did it; the text is a
    /// <see cref="MemberLine"/> (JSON) naming the member it happened to.
    /// </summary>
    public const string Member = "member";

    /// <summary>A system line: the room was renamed or its topic changed, by the author; the text is a <see cref="RoomLine"/> (JSON).</summary>
    public const string Room = "room";

    /// <summary>True for the kinds that change an earlier message.</summary>
    public static bool IsChange(string kind) => kind is Edit or Delete or Reaction or Pin;

    /// <summary>True for the system lines: events of the sequence that are not messages nor changes of one, and never count as unread.</summary>
    public static bool IsSystem(string kind) => kind is Member or Room;
}
