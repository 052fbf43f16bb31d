using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace OrleansChat.Grains.Hosting;

/// <summary>Reads the storage and cluster settings the same way in every host (silo, gateway, tests).</summary>
public static class ChatHostConfiguration
{
    public static ChatStorageOptions Storage(IConfiguration configuration)
    {
        var storage = configuration.GetSection(ChatStorageOptions.Section).Get<ChatStorageOptions>() ?? new ChatStorageOptions();
        if (string.IsNullOrWhiteSpace(storage.PostgresConnectionString))
            storage.PostgresConnectionString = configuration.GetConnectionString("Chat");
        return storage;
    }

    public static ChatClusterOptions Cluster(IConfiguration configuration) =>
        configuration.GetSection(ChatClusterOptions.Section).Get<ChatClusterOptions>() ?? new ChatClusterOptions();

    public static ChatTlsOptions Tls(IConfiguration configuration) =>
        configuration.GetSection(ChatTlsOptions.Section).Get<ChatTlsOptions>() ?? new ChatTlsOptions();

    /// <summary>Lets <c>Orleans:Membership:*</c> override the failure detection settings (after the built-in tuning).</summary>
    public static void BindMembershipOverrides(IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
}
