using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansChat.Grains.Storage;
using OrleansChat.Grains.Users;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Users;

/// <summary>
/// The user-name index as rows of the store (issue 16), in the test cluster on its real SQLite file: creating and
/// renaming users writes rows and never a shard's grain state, and a shard whose old state holds names moves them into
/// rows when it activates. The same move on PostgreSQL: <see cref="Storage.PostgresClusterTests"/>.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UserIndexTests(ChatCluster chat)
{
    [Fact]
    public async Task CreatingAndRenamingUsers_WritesNoGrainStateOfTheIndex_AndSearchFindsThem()
    {
        var before = IndexStateRows();

        var users = new List<UserProfile>();
        for (var i = 0; i < 20; i++) users.Add(await chat.NewUserAsync());
        var renamed = users[0];
        var unique = $"Ix{Guid.NewGuid().ToString("N")[..8]}";
        await chat.User(renamed.UserId).Rename($"{unique}  Renamed");

        Assert.Equal(before, IndexStateRows());
        foreach (var user in users.Skip(1))
            Assert.Contains(await Search(user.Name), m => m.UserId == user.UserId && m.Name == user.Name);
        Assert.Equal([new UserMatch(renamed.UserId, $"{unique} Renamed")], await Search(unique.ToUpperInvariant()));
        Assert.DoesNotContain(await Search(renamed.Name), m => m.UserId == renamed.UserId);
    }

    [Fact]
    public async Task Remove_OfANameThatNamesAnotherUser_KeepsIt()
    {
        var name = $"Kx{Guid.NewGuid().ToString("N")[..8]} Keeper";
        var owner = Guid.NewGuid();
        var shard = chat.Client.GetGrain<IUserIndexGrain>(UserNames.IndexShard(name));
        await shard.Set(name, owner);

        await shard.Remove(name, Guid.NewGuid());

        Assert.Equal([new UserMatch(owner, name)], await Search(name));
    }

    [Fact]
    public async Task Search_OfAPrefixNoNameCanHold_FindsNothing()
    {
        // NUL and lone surrogates, which PostgreSQL would refuse as text (a case of PostgresClusterTests too).
        foreach (var prefix in new[] { "a\0", "\uD800", "ab\uDC00c" }) Assert.Empty(await Search(prefix));
    }

    [Fact]
    public async Task AShardWithNamesInItsOldState_MovesThemIntoRows_ClearsTheState_AndDoesSoOnce()
    {
        // Ŧ (U+0166): a shard of its own, which no generated name or other test touches.
        const string Shard = "ŧ";
        var tag = Guid.NewGuid().ToString("N")[..6];
        List<(string Name, Guid UserId)> names = [.. Enumerable.Range(0, UserIndexGrain.NamesPerWrite + 50).Select(i => ($"Ŧest {tag} {i:00000}", Guid.NewGuid()))];
        var storage = chat.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ChatStorage.ProviderName);
        await LegacyUserIndex.WriteAsync(storage, chat.Client, Shard, names);
        // A move interrupted after some rows: they are written again, as the state says.
        using var database = new SqliteDatabase(chat.DatabasePath);
        var store = new SqliteUserNameIndexStore(database);
        await store.UpsertAsync([new UserNameRow(UserNames.Normalize(names[1].Name), Guid.NewGuid(), "stale")]);

        var found = await Search($"ŧest {tag} 0000");

        Assert.Equal(names.Take(10).Select(n => new UserMatch(n.UserId, n.Name)), found);
        Assert.Equal(
            names.Select(n => new UserNameRow(UserNames.Normalize(n.Name), n.UserId, n.Name)),
            await store.SearchAsync($"ŧest {tag} ", names.Count + 1));
        var (state, exists) = await LegacyUserIndex.ReadAsync(storage, chat.Client, Shard);
        Assert.False(exists);
        Assert.Empty(state.Names);

        // Moved once: a row removed since is not brought back by the next activation.
        await store.RemoveAsync(UserNames.Normalize(names[0].Name), names[0].UserId);
        await chat.Cluster.DeactivateAsync(chat.Client.GetGrain<IUserIndexGrain>(Shard));
        Assert.Equal(names[1].UserId, Assert.Single(await Search(names[1].Name)).UserId);
        Assert.Empty(await Search(names[0].Name));
        Assert.False((await LegacyUserIndex.ReadAsync(storage, chat.Client, Shard)).Exists);
    }

    private Task<IReadOnlyList<UserMatch>> Search(string prefix) =>
        chat.Client.GetGrain<IUserIndexGrain>(UserNames.IndexShard(prefix)).Search(prefix, ChatLimits.MaxSearchResults);

    /// <summary>Every stored state of an index shard with its etag, which changes on every write.</summary>
    private List<(string Shard, string ETag)> IndexStateRows()
    {
        using var database = new SqliteDatabase(chat.DatabasePath);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id, etag FROM grain_state WHERE grain_type = $type ORDER BY grain_id";
        command.Parameters.AddWithValue("$type", LegacyUserIndex.StateName);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }
}
