using Microsoft.Data.Sqlite;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// Orleans grain state in the embedded SQLite file: one row per grain, the state serialized by the Orleans serializer
/// (version tolerant through <c>[Id]</c>s), optimistic concurrency through an etag.
/// </summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, Serializer serializer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, data FROM grain_state WHERE grain_type = $type AND grain_id = $id";
        AddKey(command, stateName, grainId);
        using var reader = command.ExecuteReader();
        if (reader.Read())
        {
            grainState.ETag = reader.GetString(0);
            grainState.State = serializer.Deserialize<T>((byte[])reader.GetValue(1));
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var newETag = Guid.NewGuid().ToString("N");
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        AddKey(command, stateName, grainId);
        command.Parameters.AddWithValue("$data", serializer.SerializeToArray(grainState.State));
        command.Parameters.AddWithValue("$etag", newETag);
        if (grainState.ETag is null)
        {
            command.CommandText = "INSERT INTO grain_state (grain_type, grain_id, etag, data) VALUES ($type, $id, $etag, $data) ON CONFLICT DO NOTHING";
        }
        else
        {
            command.CommandText = "UPDATE grain_state SET etag = $etag, data = $data WHERE grain_type = $type AND grain_id = $id AND etag = $old";
            command.Parameters.AddWithValue("$old", grainState.ETag);
        }
        if (command.ExecuteNonQuery() != 1)
        {
            throw new InconsistentStateException($"The state of {grainId} was changed by someone else.", "unknown", grainState.ETag ?? "none");
        }
        grainState.ETag = newETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE grain_type = $type AND grain_id = $id";
        AddKey(command, stateName, grainId);
        command.ExecuteNonQuery();
        grainState.ETag = null;
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static void AddKey(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("$type", stateName);
        command.Parameters.AddWithValue("$id", grainId.ToString());
    }
}
