using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansChat.Grains.Files;
using OrleansChat.Grains.Storage;
using OrleansChat.Grains.Users;

namespace OrleansChat.Grains.Hosting;

/// <summary>
/// The file store and its limits, for the silo (the user grain reads a user's stored bytes for the quota) and the
/// gateway (which writes and serves the bytes). In the all-in-one mode both are one process and one registration.
/// </summary>
public static class ChatFileStorage
{
    public static IServiceCollection AddChatFileStore(this IServiceCollection services, ChatStorageOptions storage)
    {
        services.AddOptions<FileLimitOptions>().Configure<IServiceProvider>((o, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(FileLimitOptions.Section).Bind(o));
        services.AddOptions<AvatarOptions>().Configure<IServiceProvider>((o, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(AvatarOptions.Section).Bind(o));
        if (storage.IsPostgres)
        {
            var connectionString = storage.RequirePostgres();
            services.TryAddSingleton<IFileStore>(_ => new PostgresFileStore(connectionString));
        }
        else
        {
            services.TryAddSingleton(_ => new SqliteDatabase(storage.SqlitePath));
            services.TryAddSingleton<IFileStore>(sp => new SqliteFileStore(sp.GetRequiredService<SqliteDatabase>()));
        }
        return services;
    }
}
