using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Rooms;
using OrleansChat.Silo.Hosting;

// A standalone silo: the grains without the SignalR gateway, plus a small HTTP endpoint for health probes and metrics
// (`urls`, default http://127.0.0.1:8081). Run gateways against it with Chat__Mode=Client. See docs/operations.md.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, builder.Configuration["urls"] ?? "http://127.0.0.1:8081");

var storage = ChatHostConfiguration.Storage(builder.Configuration);
var cluster = ChatHostConfiguration.Cluster(builder.Configuration);
var rooms = builder.Configuration.GetSection(RoomOptions.Section);
var dashboard = SiloDashboard.Enabled(builder.Configuration);
builder.UseOrleans(silo =>
{
    silo.UseChatClustering(storage, cluster, ChatHostConfiguration.Tls(builder.Configuration))
        .AddOrleansChat(storage, rooms.Bind);
    if (dashboard) silo.AddChatDashboard();
    if (ChatTelemetry.TracingEnabled(builder.Configuration)) silo.AddActivityPropagation();
});
ChatHostConfiguration.BindMembershipOverrides(builder.Services, builder.Configuration);
builder.Services.AddChatOperations<SiloReadyCheck>("orleanschat-silo", builder.Configuration);

var app = builder.Build();
app.MapChatOperations();
if (dashboard) app.MapChatDashboard();
app.Run();
