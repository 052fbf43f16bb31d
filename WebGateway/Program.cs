using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Authentication;
using OrleansChat;
using OrleansChat.WebGateway.Hosting;
using OrleansChat.WebGateway.Hubs;
using OrleansChat.WebGateway.Identity;
using OrleansChat.WebGateway.Presence;

var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection(ChatGatewayOptions.Section).Get<ChatGatewayOptions>() ?? new ChatGatewayOptions();
builder.Services.Configure<ChatGatewayOptions>(builder.Configuration.GetSection(ChatGatewayOptions.Section));

builder.AddChatOrleans(options);

builder.Services.AddSingleton(TimeProvider.System);
var tokenLifetimes = builder.Configuration.GetSection(TokenLifetimeOptions.Section).Get<TokenLifetimeOptions>() ?? new TokenLifetimeOptions();
builder.Services.AddSingleton(sp => new TokenService(
    TokenService.LoadKey(options.TokenKey, options.DataDirectory), sp.GetRequiredService<TimeProvider>(), tokenLifetimes));
builder.Services.AddSingleton<SessionConnections>();
builder.Services.AddAuthentication(ChatTokenAuthentication.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ChatTokenAuthentication>(ChatTokenAuthentication.SchemeName, null);
builder.Services.AddAuthorization();
builder.Services.AddChatHttpLimits(builder.Configuration);
builder.Services.AddSingleton<ChatErrorFilter>();
builder.Services.AddSignalR(hub =>
{
    hub.MaximumReceiveMessageSize = ChatLimits.MaxHubMessageBytes;
    // A sender's messages pipeline (SendLanes keeps their order); one invocation at a time would make every send wait
    // for the previous one's commit.
    hub.MaximumParallelInvocationsPerClient = ChatLimits.MaxParallelInvocations;
    hub.AddFilter<ChatErrorFilter>();
}).AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new LenientStringConverter()));
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new LenientStringConverter()));
builder.Logging.AddFilter(ChatErrorFilter.DispatcherCategory, ChatErrorFilter.DispatcherLevels);
builder.Logging.AddFilter(ChatErrorFilter.ConnectionHandlerCategory, ChatErrorFilter.DispatcherLevels);
// A malformed request body is the client's mistake: answered 400 and logged at Debug, in Development too.
builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = false);
builder.Services.AddSingleton<GatewayIdentity>();
builder.Services.AddSingleton<RoomActivations>();
builder.Services.AddSingleton(sp => new PushOrder(sp.GetRequiredService<TimeProvider>(), options.PushReorderHold));
builder.Services.AddSingleton<LocalConnections>();
builder.Services.AddSingleton<GatewayPresence>();
builder.Services.AddSingleton<RoomObserver>();
builder.Services.AddSingleton<SubscriptionRenewal>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<SubscriptionRenewal>());
builder.Services.AddHostedService<GatewayBeat>();
builder.Services.AddGatewayOperations();

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseChatHttpLimits();
app.UseAuthentication();
app.UseAuthorization();
app.MapGatewayOperations();
app.MapSessionEndpoints();
app.MapHub<ChatHub>("/hubs/chat");
app.Run();

/// <summary>The gateway's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
