namespace OrleansChat.WebGateway.Presence;

/// <summary>
/// Puts each room's pushed events back in sequence order before they reach browsers. Around a failover pushes can
/// arrive out of order (a restarted room replays what a gateway missed while live pushes already flow, and messages can
/// take another route between silo and gateway). Per room it remembers the newest event delivered: events at or below
/// it are duplicates and dropped; events after a gap are held until the gap fills or for at most <c>hold</c>, then
/// delivered all the same (the client sees the gap and catches up, as after any lost push). Thread-safe.
/// </summary>
public sealed class PushOrder(TimeProvider time, TimeSpan hold)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RoomOrder> _rooms = [];

    /// <summary>Delivers a batch of events to the room's recipients (the batch is in sequence order, without gaps inside the held part).</summary>
    public delegate Task Deliver(string roomId, RoomEvent[] events, Guid[] recipients);

    private sealed class RoomOrder
    {
        public long Delivered { get; set; }

        public SortedDictionary<long, (RoomEvent Event, Guid[] Recipients)> Held { get; } = [];

        public bool ReleaseScheduled { get; set; }
    }

    /// <summary>The newest event of the room delivered here (0: none yet).</summary>
    public long Delivered(string roomId)
    {
        lock (_lock) return _rooms.TryGetValue(roomId, out var room) ? room.Delivered : 0;
    }

    /// <summary>Takes pushed <paramref name="events"/> (in sequence order) and delivers what is in order now.</summary>
    public Task AcceptAsync(string roomId, RoomEvent[] events, Guid[] recipients, Deliver deliver)
    {
        List<(RoomEvent[] Events, Guid[] Recipients)> ready;
        var scheduleRelease = false;
        lock (_lock)
        {
            if (!_rooms.TryGetValue(roomId, out var room))
            {
                // The first push of a room: nothing to order it against.
                _rooms[roomId] = new RoomOrder { Delivered = events.Length > 0 ? events[^1].Seq : 0 };
                return events.Length > 0 ? deliver(roomId, events, recipients) : Task.CompletedTask;
            }
            foreach (var e in events)
            {
                if (e.Seq > room.Delivered) room.Held.TryAdd(e.Seq, (e, recipients));
            }
            ready = TakeContiguous(room);
            if (room.Held.Count > 0 && !room.ReleaseScheduled)
            {
                room.ReleaseScheduled = true;
                scheduleRelease = true;
            }
        }
        if (scheduleRelease) _ = ReleaseLaterAsync(roomId, deliver);
        return DeliverAllAsync(roomId, ready, deliver);
    }

    /// <summary>Forgets the rooms that no longer have local members.</summary>
    public void Retain(ICollection<string> rooms)
    {
        lock (_lock)
        {
            foreach (var room in _rooms.Keys.Where(r => !rooms.Contains(r)).ToList()) _rooms.Remove(room);
        }
    }

    private async Task ReleaseLaterAsync(string roomId, Deliver deliver)
    {
        await Task.Delay(hold, time);
        List<(RoomEvent[] Events, Guid[] Recipients)> ready;
        lock (_lock)
        {
            if (!_rooms.TryGetValue(roomId, out var room)) return;
            room.ReleaseScheduled = false;
            if (room.Held.Count == 0) return;
            // The gap did not fill: deliver past it.
            room.Delivered = room.Held.Keys.First() - 1;
            ready = TakeContiguous(room);
            if (room.Held.Count > 0)
            {
                room.ReleaseScheduled = true;
                _ = ReleaseLaterAsync(roomId, deliver);
            }
        }
        await DeliverAllAsync(roomId, ready, deliver);
    }

    /// <summary>Removes the held events that follow <see cref="RoomOrder.Delivered"/> without a gap, grouped by recipients.</summary>
    private static List<(RoomEvent[] Events, Guid[] Recipients)> TakeContiguous(RoomOrder room)
    {
        var batches = new List<(RoomEvent[] Events, Guid[] Recipients)>();
        var current = new List<RoomEvent>();
        Guid[]? recipients = null;
        while (room.Held.Count > 0)
        {
            var (seq, held) = room.Held.First();
            if (seq != room.Delivered + 1) break;
            room.Held.Remove(seq);
            room.Delivered = seq;
            if (recipients is not null && !ReferenceEquals(recipients, held.Recipients))
            {
                batches.Add(([.. current], recipients));
                current.Clear();
            }
            recipients = held.Recipients;
            current.Add(held.Event);
        }
        if (recipients is not null) batches.Add(([.. current], recipients));
        return batches;
    }

    private static async Task DeliverAllAsync(string roomId, List<(RoomEvent[] Events, Guid[] Recipients)> batches, Deliver deliver)
    {
        foreach (var (events, recipients) in batches) await deliver(roomId, events, recipients);
    }
}
