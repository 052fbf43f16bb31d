namespace OrleansChat.Grains.Rooms;

/// <summary>
/// The newest committed events of a room, kept in memory so that joins, catch-up of recent gaps and the de-duplication
/// of retried posts need no store read. Bounded: older events are only in the store.
/// </summary>
internal sealed class RoomTail(int capacity)
{
    private readonly LinkedList<RoomEvent> _events = new();
    private readonly Dictionary<(Guid Author, string ClientMsgId), RoomEvent> _byClientId = [];

    public long LastSeq { get; private set; }

    /// <summary>The smallest sequence number held, or <see cref="LastSeq"/> + 1 when empty.</summary>
    public long FirstSeq => _events.First?.Value.Seq ?? LastSeq + 1;

    public void Reset(IReadOnlyList<RoomEvent> newest, long lastSeq)
    {
        _events.Clear();
        _byClientId.Clear();
        LastSeq = lastSeq;
        foreach (var e in newest) Add(e);
    }

    public void Add(RoomEvent e)
    {
        _events.AddLast(e);
        _byClientId[(e.AuthorId, e.ClientMsgId)] = e;
        LastSeq = e.Seq;
        if (_events.Count > capacity)
        {
            var oldest = _events.First!.Value;
            _events.RemoveFirst();
            _byClientId.Remove((oldest.AuthorId, oldest.ClientMsgId));
        }
    }

    public RoomEvent? FindByClientId(Guid author, string clientMsgId) =>
        _byClientId.GetValueOrDefault((author, clientMsgId));

    /// <summary>Events with seq &gt; <paramref name="afterSeq"/>, or null when part of that range is no longer held.</summary>
    public List<RoomEvent>? After(long afterSeq, int limit)
    {
        if (afterSeq + 1 < FirstSeq) return null;
        var result = new List<RoomEvent>(Math.Min(limit, _events.Count));
        foreach (var e in _events)
        {
            if (e.Seq <= afterSeq) continue;
            if (result.Count == limit) break;
            result.Add(e);
        }
        return result;
    }

    /// <summary>The newest <paramref name="limit"/> events with seq &lt; <paramref name="beforeSeq"/>, or null when not all held.</summary>
    public List<RoomEvent>? Before(long beforeSeq, int limit)
    {
        var from = Math.Max(1, beforeSeq - limit);
        if (from < FirstSeq && FirstSeq > 1) return null;
        var result = new List<RoomEvent>(limit);
        foreach (var e in _events)
        {
            if (e.Seq >= from && e.Seq < beforeSeq) result.Add(e);
        }
        return result;
    }
}
