using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

/// <summary>
/// A room's members as rows of the store (issue 16), in the test cluster on its real SQLite file: a join writes a row
/// and not the room's grain state, and a room whose old state holds its members moves them into rows when it activates.
/// The same move on PostgreSQL: <see cref="Storage.PostgresClusterTests"/>.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MemberRowTests(ChatCluster chat)
{
    [Fact]
    public async Task Joins_WriteOneRowEach_AndNeverTheRoomsGrainState()
    {
        var owner = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(owner.UserId);
        var room = chat.Room(roomId);
        var stateBefore = GrainStateVersion(roomId);
        Assert.NotNull(stateBefore);

        var joiners = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        foreach (var (id, i) in joiners.Select((id, i) => (id, i))) await room.Join(id, new MemberIdentity($"Joiner {i:00}"));

        Assert.Equal(stateBefore, GrainStateVersion(roomId));
        var rows = await ReadRowsAsync(roomId);
        Assert.Equal(joiners.Append(owner.UserId).Order(), rows.Select(r => r.UserId).Order());
        Assert.Equal("Joiner 07", rows.Single(r => r.UserId == joiners[7]).Name);

        // A leave removes its row, and also leaves the state alone.
        await room.Leave(joiners[0]);
        Assert.Equal(stateBefore, GrainStateVersion(roomId));
        Assert.DoesNotContain(joiners[0], (await ReadRowsAsync(roomId)).Select(r => r.UserId));
    }

    [Fact]
    public async Task MemberRows_AreWhatTheRoomKnowsAfterItReactivates()
    {
        var owner = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(owner.UserId);
        var room = chat.Room(roomId);
        var moderator = Guid.NewGuid();
        var leaver = Guid.NewGuid();
        await room.Join(moderator, new MemberIdentity("Mod"));
        await room.Join(leaver, new MemberIdentity("Leaver"));
        await room.SetRole(owner.UserId, moderator, RoomRoles.Moderator);
        await room.Leave(leaver);

        await chat.Cluster.DeactivateAsync(room);

        var members = await room.AllMembers(owner.UserId);
        Assert.Equal(new[] { owner.UserId, moderator }.Order(), members.Select(m => m.UserId).Order());
        Assert.Equal(RoomRoles.Moderator, members.Single(m => m.UserId == moderator).Role);
        Assert.Equal(RoomRoles.Owner, members.Single(m => m.UserId == owner.UserId).Role);
    }

    [Fact]
    public async Task ARoomWithMembersInItsOldState_MovesThemIntoRows_AndWritesItsStateWithoutThem()
    {
        var roomId = $"legacy-{Guid.NewGuid():N}"[..30];
        List<(Guid, string)> members = [.. Enumerable.Range(0, 30).Select(i => (Guid.NewGuid(), $"Old member {i:00}"))];
        var storage = chat.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ChatStorage.ProviderName);
        await LegacyRooms.WriteAsync(storage, chat.Client, roomId, members);
        // A move interrupted after some rows: they are written again, as the state says.
        await using (var store = OpenStore())
        {
            await store.AppendAsync(roomId, [], new MemberWrites([new MemberRow(members[1].Item1, "stale", RoomRoles.Member, DateTimeOffset.UnixEpoch, 0, null, null)], []));
        }

        var listed = await chat.Room(roomId).AllMembers(members[0].Item1);

        Assert.Equal(members.Select(m => m.Item1).Order(), listed.Select(m => m.UserId).Order());
        Assert.Equal(LegacyRooms.ExpectedRows(members), (await ReadRowsAsync(roomId)).OrderBy(r => r.UserId));
        var state = await LegacyRooms.ReadAsync(storage, chat.Client, roomId);
        Assert.Null(state.LegacyMembers);
        Assert.Equal("from before member rows", state.Topic);

        // Moved once: the next activation reads the rows, and a join after it is a row like any other.
        await chat.Cluster.DeactivateAsync(chat.Room(roomId));
        var version = GrainStateVersion(roomId);
        await chat.Room(roomId).Join(Guid.NewGuid(), new MemberIdentity("New member"));
        Assert.Equal(version, GrainStateVersion(roomId));
        Assert.Equal(31, (await ReadRowsAsync(roomId)).Count);
    }

    [Fact]
    public async Task RowsOfARoomThatWasNeverCreated_AreDroppedWhenItIsCreated()
    {
        // A creation that wrote its rows and then failed to write the room's state leaves rows without a room.
        var name = $"orphans {Guid.NewGuid().ToString("N")[..12]}";
        var roomId = RoomIds.ToId(name);
        var stranger = Guid.NewGuid();
        await using (var store = OpenStore())
        {
            await store.AppendAsync(roomId, [], new MemberWrites([new MemberRow(stranger, "Stranger", RoomRoles.Owner, DateTimeOffset.UnixEpoch, 0, null, null)], []));
        }
        var owner = await chat.NewUserAsync();

        var created = await chat.User(owner.UserId).CreateRoom(name, isPrivate: false);

        Assert.Equal(roomId, created.Room.Id);
        Assert.Equal([owner.UserId], (await chat.Room(roomId).AllMembers(owner.UserId)).Select(m => m.UserId));
        Assert.Equal([owner.UserId], (await ReadRowsAsync(roomId)).Select(r => r.UserId));
    }

    private SqliteRoomEventStore OpenStore() => new(new SqliteDatabase(chat.DatabasePath), NullLogger<SqliteRoomEventStore>.Instance);

    private async Task<IReadOnlyList<MemberRow>> ReadRowsAsync(string roomId)
    {
        await using var store = OpenStore();
        return await store.ReadMembersAsync(roomId);
    }

    /// <summary>The etag of the room's grain state row: a new one on every write of the state.</summary>
    private string? GrainStateVersion(string roomId)
    {
        using var database = new SqliteDatabase(chat.DatabasePath);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag FROM grain_state WHERE grain_type = $type AND grain_id = $id";
        command.Parameters.AddWithValue("$type", LegacyRooms.StateName);
        command.Parameters.AddWithValue("$id", LegacyRooms.GrainIdOf(chat.Client, roomId).ToString());
        return command.ExecuteScalar() as string;
    }
}
