using Orleans.Storage;
using OrleansChat.Grains.Users;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// Shards of the user-name index as a release before name rows stored them (issue 16): every name of the shard in its
/// grain state (<see cref="UserIndexState"/>), written straight through the silo's grain storage.
/// </summary>
public static class LegacyUserIndex
{
    /// <summary>The grain state name of a shard (<c>[PersistentState("userindex", …)]</c>).</summary>
    public const string StateName = "userindex";

    /// <summary>Writes the state of a shard that was never activated, holding <paramref name="names"/> as old releases kept them.</summary>
    public static async Task WriteAsync(IGrainStorage storage, IClusterClient client, string shard, IEnumerable<(string Name, Guid UserId)> names)
    {
        var state = new UserIndexState();
        foreach (var (name, userId) in names) state.Names[UserNames.Normalize(name)] = new UserMatch(userId, UserNames.Clean(name));
        await storage.WriteStateAsync(StateName, GrainIdOf(client, shard), new GrainState<UserIndexState>(state));
    }

    /// <summary>The shard's state as stored now (and whether there is any).</summary>
    public static async Task<(UserIndexState State, bool Exists)> ReadAsync(IGrainStorage storage, IClusterClient client, string shard)
    {
        var state = new GrainState<UserIndexState>();
        await storage.ReadStateAsync(StateName, GrainIdOf(client, shard), state);
        return (state.State ?? new UserIndexState(), state.RecordExists);
    }

    public static GrainId GrainIdOf(IClusterClient client, string shard) => client.GetGrain<IUserIndexGrain>(shard).GetGrainId();
}
