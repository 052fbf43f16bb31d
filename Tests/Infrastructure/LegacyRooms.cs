using Orleans.Storage;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// Rooms as a release before member rows stored them (issue 16): the members in the room's grain state, under its
/// <c>[Id(4)]</c> (<see cref="RoomState.LegacyMembers"/>), written straight through the silo's grain storage.
/// </summary>
public static class LegacyRooms
{
    /// <summary>The grain state name of a room (<c>[PersistentState("room", …)]</c>).</summary>
    public const string StateName = "room";

    /// <summary>
    /// Writes the state of a public room that was never activated, owned by the first of <paramref name="members"/>,
    /// with every member in its state as old releases kept them.
    /// </summary>
    public static async Task WriteAsync(IGrainStorage storage, IClusterClient client, string roomId, IReadOnlyList<(Guid Id, string Name)> members)
    {
        var joined = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        var state = new RoomState
        {
            Name = roomId,
            Topic = "from before member rows",
            Owner = members[0].Id,
            CreatedAt = joined,
            ActivitySince = joined,
            LegacyMembers = members.Select((m, i) => (m, i)).ToDictionary(x => x.m.Id, x => new RoomMember
            {
                Name = x.m.Name,
                Role = x.i == 0 ? RoomRoles.Owner : x.i == 1 ? RoomRoles.Moderator : RoomRoles.Member,
                JoinedAt = joined.AddMinutes(x.i),
                Avatar = x.i,
                Status = x.i == 1 ? "busy" : null,
                LastActive = joined.AddHours(x.i),
            }),
        };
        await storage.WriteStateAsync(StateName, GrainIdOf(client, roomId), new GrainState<RoomState>(state));
    }

    public static async Task<RoomState> ReadAsync(IGrainStorage storage, IClusterClient client, string roomId)
    {
        var state = new GrainState<RoomState>();
        await storage.ReadStateAsync(StateName, GrainIdOf(client, roomId), state);
        return state.State!;
    }

    /// <summary>The rows <see cref="WriteAsync"/>'s members must have after the move, ordered by user id.</summary>
    public static List<MemberRow> ExpectedRows(IReadOnlyList<(Guid Id, string Name)> members)
    {
        var joined = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        return [.. members.Select((m, i) => new MemberRow(
            m.Id, m.Name, i == 0 ? RoomRoles.Owner : i == 1 ? RoomRoles.Moderator : RoomRoles.Member,
            joined.AddMinutes(i), i, i == 1 ? "busy" : null, joined.AddHours(i))).OrderBy(r => r.UserId)];
    }

    public static GrainId GrainIdOf(IClusterClient client, string roomId) => client.GetGrain<IRoomGrain>(roomId).GetGrainId();
}
