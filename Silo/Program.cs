using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Rooms;

// A standalone silo: the grains without the web gateway. Run gateways against it with Chat__Mode=Client.
var builder = Host.CreateApplicationBuilder(args);
var orleans = builder.Configuration.GetSection("Orleans");
var storage = builder.Configuration.GetSection("Chat:Storage").Get<ChatStorageOptions>() ?? new ChatStorageOptions();
builder.UseOrleans(silo => silo
    .UseLocalhostClustering(orleans.GetValue("SiloPort", 11111), orleans.GetValue("GatewayPort", 30000))
    .AddOrleansChat(storage, rooms => builder.Configuration.GetSection(RoomOptions.Section).Bind(rooms)));
await builder.Build().RunAsync();
