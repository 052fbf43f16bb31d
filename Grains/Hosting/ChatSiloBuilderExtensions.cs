using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansChat.Grains.Directory;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Search;
using OrleansChat.Grains.Storage;
using OrleansChat.Grains.Users;

namespace OrleansChat.Grains.Hosting;

/// <summary>
/// The one registration of the chat grains and their storage, used by the co-hosted silo of the gateway, the standalone
/// silo and the test clusters, so that tests run the real configuration.
/// </summary>
public static class ChatSiloBuilderExtensions
{
    /// <summary>Grain addresses a silo keeps in its directory cache (Orleans' default: 1,000,000).</summary>
    public const int DirectoryCacheSize = 100_000;

    public static ISiloBuilder AddOrleansChat(this ISiloBuilder silo, ChatStorageOptions storage, Action<RoomOptions>? rooms = null)
    {
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RoomOptions>().Configure(o => rooms?.Invoke(o)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RoomOptions>, RoomOptionsValidator>();
        services.AddOptions<LoginOptions>().Configure<IServiceProvider>((o, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(LoginOptions.Section).Bind(o));
        services.AddOptions<BlockOptions>().Configure<IServiceProvider>((o, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(BlockOptions.Section).Bind(o));
        services.AddOptions<DirectoryOptions>().Configure<IServiceProvider>((o, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(DirectoryOptions.Section).Bind(o));
        services.AddOptions<UserLimitOptions>().Configure<IServiceProvider>((o, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(UserLimitOptions.Section).Bind(o));
        services.AddOptions<SearchOptions>().Configure<IServiceProvider>((o, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(SearchOptions.Section).Bind(o));
        services.AddOptions<AdminOptions>().Configure<IServiceProvider>((o, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(AdminOptions.Section).Bind(o));
        services.AddSingleton<SiloReadiness>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());
        // Orleans sizes its directory cache's dictionary for a million grain addresses up front (about 9 MB of buckets
        // before a single entry); a silo of this chat touches far fewer grains in the cache's lifetime, and a miss costs
        // one directory lookup.
        services.Configure<Orleans.Configuration.GrainDirectoryOptions>(directory => directory.CacheSize = DirectoryCacheSize);

        if (storage.IsPostgres)
        {
            var connectionString = storage.RequirePostgres();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
                new PostgresSchemaMigration(connectionString, sp.GetRequiredService<ILogger<PostgresSchemaMigration>>()));
            services.AddSingleton(sp => new PostgresRoomEventStore(connectionString, sp.GetRequiredService<ILogger<PostgresRoomEventStore>>()));
            services.AddSingleton<IRoomEventStore>(sp => sp.GetRequiredService<PostgresRoomEventStore>());
            services.AddSingleton<IUserNameIndexStore>(_ => new PostgresUserNameIndexStore(connectionString));
            // Orleans' ADO.NET provider on the tables of Storage/Schema/003; the state is serialized by the Orleans
            // serializer, as in SQLite, so that [Id]-versioned state classes stay readable across releases.
            silo.AddAdoNetGrainStorage(ChatStorage.ProviderName, options => options.Configure<Serializer>((o, serializer) =>
            {
                o.Invariant = ChatClustering.PostgresInvariant;
                o.ConnectionString = connectionString;
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        }
        else
        {
            services.TryAddSingleton(_ => new SqliteDatabase(storage.SqlitePath));
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SqliteDatabaseStart>();
            services.AddSingleton(sp => new SqliteRoomEventStore(
                sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<ILogger<SqliteRoomEventStore>>(), storage.SqliteCheckpointDelay));
            services.AddSingleton<IRoomEventStore>(sp => sp.GetRequiredService<SqliteRoomEventStore>());
            services.AddSingleton<IUserNameIndexStore>(sp => new SqliteUserNameIndexStore(sp.GetRequiredService<SqliteDatabase>()));
            services.AddKeyedSingleton<IGrainStorage>(ChatStorage.ProviderName, (sp, _) =>
                new SqliteGrainStorage(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<Serializer>()));
        }
        services.AddChatFileStore(storage);
        return silo;
    }
}
