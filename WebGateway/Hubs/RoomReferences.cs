using System.Collections.Concurrent;

namespace OrleansChat.WebGateway.Hubs;

/// <summary>
/// The gateway's references to room grains, made once per room rather than once per invocation. Orleans'
/// <c>GetGrain</c> resolves the grain interface by reflection (its attributes, its formatted type name) and builds a
/// new proxy whose codecs it activates, every time: measured, 15 % of all the gateway allocated in the rooms benchmark
/// (two calls per send) and a collection more every few seconds. A reference is immutable and safe to share, so one
/// per room serves every connection. Bounded: at <see cref="Capacity"/> rooms the cache starts again empty, which
/// costs one <c>GetGrain</c> per room afterwards — never more than without it.
/// </summary>
public sealed class RoomReferences(IGrainFactory grains)
{
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, IRoomGrain> _rooms = new(StringComparer.Ordinal);

    /// <summary>The room <paramref name="roomId"/> (an id the caller has checked, <see cref="HubInput.RoomId"/>).</summary>
    public IRoomGrain Room(string roomId)
    {
        if (_rooms.TryGetValue(roomId, out var room)) return room;
        room = grains.GetGrain<IRoomGrain>(roomId);
        if (_rooms.Count >= Capacity) _rooms.Clear();
        _rooms[roomId] = room;
        return room;
    }

    /// <summary>How many rooms are held (for tests).</summary>
    public int Count => _rooms.Count;
}
