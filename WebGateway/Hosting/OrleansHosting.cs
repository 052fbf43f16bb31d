using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.WebGateway.Hosting;

/// <summary>Starts a co-hosted silo (all-in-one mode) or an Orleans client (client mode).</summary>
public static class OrleansHosting
{
    public static WebApplicationBuilder AddChatOrleans(this WebApplicationBuilder builder, GatewayOptions options)
    {
        var orleans = builder.Configuration.GetSection("Orleans");
        var siloPort = orleans.GetValue("SiloPort", 11111);
        var gatewayPort = orleans.GetValue("GatewayPort", 30000);
        if (options.IsAllInOne)
        {
            var storage = new ChatStorageOptions { SqlitePath = Path.Combine(options.DataDirectory, "orleanschat.db") };
            builder.UseOrleans(silo => silo
                .UseLocalhostClustering(siloPort, gatewayPort)
                .AddOrleansChat(storage, rooms => builder.Configuration.GetSection(RoomOptions.Section).Bind(rooms)));
        }
        else
        {
            builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort));
        }
        return builder;
    }
}
