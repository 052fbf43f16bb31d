namespace OrleansChat.Grains.Rooms;

/// <summary>
/// The rules of the changes of a message that need only the message as it is now: each returns the message as the
/// change leaves it, or throws a <see cref="ChatException"/> saying why the change does not apply. Who may make a
/// change (role, membership) is checked by the room before.
/// </summary>
public static class MessageChanges
{
    public static RoomEvent Edit(RoomEvent target, Guid user, string text, DateTimeOffset at)
    {
        EnsureMessage(target);
        if (target.AuthorId != user) throw new ChatException("Only its author can edit a message.");
        if (target.Deleted) throw new ChatException("A deleted message cannot be edited.");
        return target with { Text = text, EditedAt = at };
    }

    public static RoomEvent Delete(RoomEvent target)
    {
        EnsureMessage(target);
        if (target.Deleted) throw new ChatException("That message was deleted already.");
        return target with { Text = "", Deleted = true, Reactions = null, Pinned = false, Attachment = null };
    }

    /// <summary>
    /// Adds (or removes) <paramref name="user"/>'s reaction <paramref name="emoji"/>: at most one of each emoji per user,
    /// at most <paramref name="maxEmoji"/> different emoji and <paramref name="maxReactions"/> reactions in all on a message.
    /// </summary>
    public static RoomEvent React(RoomEvent target, Guid user, string emoji, bool add, int maxEmoji, int maxReactions)
    {
        EnsureMessage(target);
        if (target.Deleted) throw new ChatException("A deleted message cannot get reactions.");
        var reactions = target.Reactions?.ToList() ?? [];
        var index = reactions.FindIndex(r => r.Emoji == emoji);
        if (add)
        {
            if (index >= 0 && reactions[index].Users.Contains(user)) throw new ChatException("You reacted with that emoji already.");
            if (index < 0 && reactions.Count >= maxEmoji)
                throw new ChatException($"A message can have at most {maxEmoji} different reactions.");
            if (reactions.Sum(r => r.Users.Count) >= maxReactions)
                throw new ChatException($"A message can have at most {maxReactions} reactions.");
            if (index < 0) reactions.Add(new Reaction(emoji, [user]));
            else reactions[index] = reactions[index] with { Users = [.. reactions[index].Users, user] };
        }
        else
        {
            if (index < 0 || !reactions[index].Users.Contains(user)) throw new ChatException("You have not reacted with that emoji.");
            var users = reactions[index].Users.Where(u => u != user).ToList();
            if (users.Count == 0) reactions.RemoveAt(index);
            else reactions[index] = reactions[index] with { Users = users };
        }
        return target with { Reactions = reactions.Count == 0 ? null : reactions };
    }

    public static RoomEvent Pin(RoomEvent target, bool pinned)
    {
        EnsureMessage(target);
        if (target.Deleted) throw new ChatException("A deleted message cannot be pinned.");
        if (target.Pinned == pinned) throw new ChatException(pinned ? "That message is pinned already." : "That message is not pinned.");
        return target with { Pinned = pinned };
    }

    private static void EnsureMessage(RoomEvent target)
    {
        if (target.Kind != RoomEventKinds.Message) throw new ChatException($"Event {target.Seq} is not a message.");
    }
}
