namespace OrleansChat.Grains.Storage;

/// <summary>
/// The member rows a room batch writes besides its events, in the same transaction: rows to insert or replace, and
/// users whose rows go. A user is in at most one of the two (the room writes each member as it is when the batch is
/// made).
/// </summary>
public sealed record MemberWrites(IReadOnlyList<MemberRow> Upserts, IReadOnlyList<Guid> Removals)
{
    public static MemberWrites None { get; } = new([], []);

    /// <summary>Rows written or removed, which the commit size counts like events.</summary>
    public int Count => Upserts.Count + Removals.Count;
}
