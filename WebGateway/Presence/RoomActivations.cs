using System.Collections.Concurrent;

namespace OrleansChat.WebGateway.Presence;

/// <summary>
/// Per room: the activation this gateway last talked to. A room's subscribers and presence live in its memory; when the
/// activation changes (its silo died, or it moved) the gateway renews its whole subscription to it, passing the newest
/// event it delivered (<see cref="PushOrder"/>), so the room pushes what was missed.
/// </summary>
public sealed class RoomActivations
{
    private readonly ConcurrentDictionary<string, Guid> _activations = new();
    private readonly ConcurrentQueue<string> _new = new();

    /// <summary>The activation of <paramref name="roomId"/> this gateway last talked to (empty: none).</summary>
    public Guid Known(string roomId) => _activations.GetValueOrDefault(roomId);

    /// <summary>Records <paramref name="activation"/>; true when the gateway knew another one before.</summary>
    public bool Changed(string roomId, Guid activation)
    {
        var previous = _activations.GetValueOrDefault(roomId);
        _activations[roomId] = activation;
        if (previous == Guid.Empty) _new.Enqueue(roomId);
        return previous != Guid.Empty && previous != activation;
    }

    /// <summary>The rooms this gateway reached for the first time since the last call (for its lease, <see cref="GatewayBeat"/>).</summary>
    public string[] TakeNew()
    {
        var rooms = new List<string>();
        while (_new.TryDequeue(out var room)) rooms.Add(room);
        return [.. rooms];
    }

    /// <summary>Forgets the rooms that no longer have local members.</summary>
    public void Retain(ICollection<string> rooms)
    {
        foreach (var room in _activations.Keys.Where(r => !rooms.Contains(r))) _activations.TryRemove(room, out _);
    }
}
