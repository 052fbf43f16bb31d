using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.WebGateway.Hosting;

/// <summary>Starts a co-hosted silo (all-in-one mode) or an Orleans client (client mode, alone or in a cluster).</summary>
public static class OrleansHosting
{
    /// <summary>The all-in-one database's file name in the data directory.</summary>
    public const string DatabaseFile = "orleanschat.db";

    public static WebApplicationBuilder AddChatOrleans(this WebApplicationBuilder builder, ChatGatewayOptions options)
    {
        var configuration = builder.Configuration;
        var cluster = ChatHostConfiguration.Cluster(configuration);
        var storage = ChatHostConfiguration.Storage(configuration);
        var tls = ChatHostConfiguration.Tls(configuration);
        if (options.IsAllInOne)
        {
            // The all-in-one process keeps its database in its data directory; it is never a cluster member.
            storage = new ChatStorageOptions { SqlitePath = Path.Combine(options.DataDirectory, DatabaseFile) };
            builder.UseOrleans(silo =>
            {
                silo.UseChatClustering(storage, cluster, tls)
                    .AddOrleansChat(storage, configuration.GetSection(RoomOptions.Section).Bind);
                // The trace of a send continues into the grains (the co-hosted silo's calls carry it like a client's).
                if (ChatTelemetry.TracingEnabled(configuration)) silo.AddActivityPropagation();
            });
        }
        else
        {
            if (storage.IsPostgres && string.IsNullOrWhiteSpace(options.TokenKey))
            {
                // A key generated per gateway would make tokens unusable on the other gateways: failover would log users out.
                throw new InvalidOperationException("Cluster mode needs Chat:TokenKey (base64, 32+ bytes), the same on every gateway.");
            }
            builder.UseOrleansClient(client =>
            {
                client.UseChatClustering(storage, cluster, tls);
                // Silos may still be starting (or all restarting): keep trying for a bounded time instead of failing
                // the gateway's start-up at the first refusal.
                var deadline = DateTime.UtcNow + options.ClusterConnectTimeout;
                client.UseConnectionRetryFilter(async (_, cancellationToken) =>
                {
                    if (DateTime.UtcNow >= deadline) return false;
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                    return true;
                });
                if (ChatTelemetry.TracingEnabled(configuration)) client.AddActivityPropagation();
                client.AddGatewayCountChangedHandler(sp => (_, e) => sp.GetRequiredService<Presence.SubscriptionRenewal>().OnGatewayCountChanged(e));
            });
        }
        // The gateway writes and serves file bytes itself (in the all-in-one mode AddOrleansChat registered the store):
        // the cluster's PostgreSQL, or the silo's SQLite file on the same machine in client mode.
        builder.Services.AddChatFileStore(storage);
        ChatHostConfiguration.BindMembershipOverrides(builder.Services, configuration);
        return builder;
    }
}
