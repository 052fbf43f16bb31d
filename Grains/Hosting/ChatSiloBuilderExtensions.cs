using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Hosting;

/// <summary>
/// The one registration of the chat grains and their storage, used by the co-hosted silo of the gateway, the standalone
/// silo and the test clusters, so that tests run the real configuration.
/// </summary>
public static class ChatSiloBuilderExtensions
{
    public static ISiloBuilder AddOrleansChat(this ISiloBuilder silo, ChatStorageOptions storage, Action<RoomOptions>? rooms = null)
    {
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RoomOptions>().Configure(o => rooms?.Invoke(o));

        services.AddSingleton(_ => new SqliteDatabase(storage.SqlitePath));
        services.AddSingleton<SqliteRoomEventStore>();
        services.AddSingleton<IRoomEventStore>(sp => sp.GetRequiredService<SqliteRoomEventStore>());
        services.AddKeyedSingleton<IGrainStorage>(ChatStorage.ProviderName, (sp, _) =>
            new SqliteGrainStorage(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<Serializer>()));
        return silo;
    }
}
