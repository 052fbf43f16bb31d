namespace OrleansChat.Grains.Rooms;

/// <summary>
/// The newest committed events of a room, kept in memory so that joins, catch-up of recent gaps and the de-duplication
/// of retried posts need no store read. Bounded: older events are only in the store.
/// </summary>
internal sealed class RoomTail(int capacity)
{
    private readonly LinkedList<RoomEvent> _events = new();
    private readonly Dictionary<(Guid Author, string ClientMsgId), RoomEvent> _byClientId = [];
    private readonly Dictionary<long, LinkedListNode<RoomEvent>> _bySeq = [];

    public long LastSeq { get; private set; }

    /// <summary>The smallest sequence number held, or <see cref="LastSeq"/> + 1 when empty.</summary>
    public long FirstSeq => _events.First?.Value.Seq ?? LastSeq + 1;

    public void Reset(IReadOnlyList<RoomEvent> newest, long lastSeq)
    {
        _events.Clear();
        _byClientId.Clear();
        _bySeq.Clear();
        foreach (var e in newest) Add(e);
        // Above the newest event after a restore (the sequence floor): the numbers between were issued before it.
        LastSeq = lastSeq;
    }

    public void Add(RoomEvent e)
    {
        _bySeq[e.Seq] = _events.AddLast(e);
        _byClientId[(e.AuthorId, e.ClientMsgId)] = e;
        LastSeq = e.Seq;
        if (_events.Count > capacity)
        {
            var oldest = _events.First!.Value;
            _events.RemoveFirst();
            _byClientId.Remove((oldest.AuthorId, oldest.ClientMsgId));
            _bySeq.Remove(oldest.Seq);
        }
    }

    /// <summary>The held event with <paramref name="seq"/>, or null.</summary>
    public RoomEvent? Get(long seq) => _bySeq.TryGetValue(seq, out var node) ? node.Value : null;

    /// <summary>Replaces the held event of the same seq (a message changed by a later event); nothing if not held.</summary>
    public void Replace(RoomEvent changed)
    {
        if (!_bySeq.TryGetValue(changed.Seq, out var node)) return;
        node.Value = changed;
        _byClientId[(changed.AuthorId, changed.ClientMsgId)] = changed;
    }

    /// <summary>Empties the text of the held edit events of the message <paramref name="target"/>, as a delete does in the store.</summary>
    public void EraseEdits(long target)
    {
        for (var node = _events.First; node is not null; node = node.Next)
        {
            if (node.Value.Kind == RoomEventKinds.Edit && node.Value.TargetSeq == target) Replace(node.Value with { Text = "" });
        }
    }

    /// <summary>How many held messages (not system lines, not changes) with seq &gt; <paramref name="afterSeq"/> are not by <paramref name="except"/>.</summary>
    public int CountMessagesAfter(long afterSeq, Guid except)
    {
        var count = 0;
        for (var node = _events.Last; node is not null && node.Value.Seq > afterSeq; node = node.Previous)
        {
            if (node.Value.Kind == RoomEventKinds.Message && node.Value.AuthorId != except) count++;
        }
        return count;
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
    /// <remarks>Counted, not computed from seq: after a restore the sequence has a gap (the sequence floor).</remarks>
    public List<RoomEvent>? Before(long beforeSeq, int limit)
    {
        var result = new List<RoomEvent>(limit);
        for (var node = _events.Last; node is not null && result.Count < limit; node = node.Previous)
        {
            if (node.Value.Seq < beforeSeq) result.Add(node.Value);
        }
        if (result.Count < limit && FirstSeq > 1) return null;
        result.Reverse();
        return result;
    }
}
