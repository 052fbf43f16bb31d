using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.WebGateway.Hubs;

namespace OrleansChat.WebGateway.Notifications;

/// <summary>
/// The activation of each room this gateway last talked to. A room's subscribers and presence live in its memory; when
/// the activation changes (its silo died, or it moved) the notifications in between may be lost. Message events heal
/// by sequence numbers; member lists are healed here: the local clients of the room get its whole list again.
/// </summary>
public sealed class RoomActivations(IHubContext<ChatHub> hub, IGrainFactory grains, ILogger<RoomActivations> logger)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, Guid> _known = new();

    public async Task ObserveAsync(string roomId, Guid activation)
    {
        var previous = _known.GetValueOrDefault(roomId);
        if (previous != Guid.Empty && previous != activation)
        {
            logger.LogInformation("Room {Room} restarted; refreshing the presence of its local members", roomId);
            var members = await grains.GetGrain<IRoomGrain>(roomId).GetPresence().WaitAsync(CallTimeout);
            await hub.Clients.Group(roomId).SendAsync(HubEvents.Presence, roomId, members);
        }
        // Only now: if the refresh failed, the next renewal sees the change again and retries it.
        _known[roomId] = activation;
    }

    /// <summary>Forgets the rooms that no longer have local members.</summary>
    public void Retain(ICollection<string> rooms)
    {
        foreach (var room in _known.Keys.Where(r => !rooms.Contains(r))) _known.TryRemove(room, out _);
    }
}
