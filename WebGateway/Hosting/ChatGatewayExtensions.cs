using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Hosting;
using OrleansChat.WebGateway.Files;
using OrleansChat.WebGateway.Hubs;
using OrleansChat.WebGateway.Identity;
using OrleansChat.WebGateway.Presence;

namespace OrleansChat.WebGateway.Hosting;

/// <summary>
/// The gateway's registrations and endpoints, so that <c>Program.cs</c> reads as a table of contents (the shape of
/// eShop's <c>AddApplicationServices</c>): Orleans (co-hosted silo or client), identity, the hub, presence and delivery,
/// HTTP limits and the operations endpoints shared with the silo.
/// </summary>
public static class ChatGatewayExtensions
{
    public static WebApplicationBuilder AddChatGateway(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ChatGatewayOptions.Section);
        var options = section.Get<ChatGatewayOptions>() ?? new ChatGatewayOptions();
        builder.Services.Configure<ChatGatewayOptions>(section);
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.AddChatOrleans(options);
        builder.AddChatIdentity(options);
        builder.AddChatHub();
        builder.Services.AddChatPresence();
        builder.Services.AddChatHttpLimits(builder.Configuration);
        builder.Services.AddChatOperations<ClusterReadyCheck>("orleanschat-gateway", builder.Configuration);
        builder.Services.AddHostedService<GracefulStop>();
        return builder;
    }

    public static WebApplication MapChatGateway(this WebApplication app)
    {
        GracefulStop.RefuseWhileStopping(app);
        // Routing after the refusal of a stopping gateway, so that it covers the hub too: the hub's endpoints run
        // short-circuited inside routing (HubAuthentication), before the middleware below.
        app.UseRouting();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseChatHttpLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapChatOperations();
        app.MapSessionEndpoints();
        app.MapFileEndpoints();
        app.MapAvatarEndpoints();
        app.MapHub<ChatHub>("/hubs/chat").RequireChatToken(app.Services);
        return app;
    }

    private static void AddChatIdentity(this WebApplicationBuilder builder, ChatGatewayOptions options)
    {
        var lifetimes = builder.Configuration.GetSection(TokenLifetimeOptions.Section).Get<TokenLifetimeOptions>() ?? new TokenLifetimeOptions();
        builder.Services.AddSingleton(sp => new TokenService(
            TokenService.LoadKey(options.TokenKey, options.DataDirectory), sp.GetRequiredService<TimeProvider>(), lifetimes));
        builder.Services.AddSingleton<SessionConnections>();
        builder.Services.AddAuthentication(ChatTokenAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ChatTokenAuthentication>(ChatTokenAuthentication.SchemeName, null);
        builder.Services.AddAuthorization();
    }

    private static void AddChatHub(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChatErrorFilter>();
        // Delivery by recipients (Presence/RoomObserver) needs a send to a list of connections that is O(recipients).
        builder.Services.AddSingleton<ChatHubLifetimeManager>();
        builder.Services.AddSingleton<HubLifetimeManager<ChatHub>>(sp => sp.GetRequiredService<ChatHubLifetimeManager>());
        builder.Services.AddSignalR(hub =>
        {
            hub.MaximumReceiveMessageSize = ChatLimits.MaxHubMessageBytes;
            // A sender's messages pipeline (SendLanes keeps their order); one invocation at a time would make every send
            // wait for the previous one's commit.
            hub.MaximumParallelInvocationsPerClient = ChatLimits.MaxParallelInvocations;
            hub.AddFilter<ChatErrorFilter>();
        }).AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new LenientStringConverter()));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new LenientStringConverter()));
        builder.Logging.AddFilter(ChatErrorFilter.DispatcherCategory, ChatErrorFilter.DispatcherLevels);
        builder.Logging.AddFilter(ChatErrorFilter.ConnectionHandlerCategory, ChatErrorFilter.DispatcherLevels);
        // A malformed request body is the client's mistake: answered 400 and logged at Debug, in Development too.
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = false);
    }

    /// <summary>The gateway's half of presence and delivery (docs/architecture.md, "Presence and delivery").</summary>
    private static void AddChatPresence(this IServiceCollection services)
    {
        services.AddSingleton<GatewayIdentity>();
        services.AddSingleton<RoomActivations>();
        services.AddSingleton(sp => new PushOrder(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ChatGatewayOptions>>().Value.PushReorderHold));
        services.AddSingleton<LocalConnections>();
        services.AddSingleton<RoomReferences>();
        services.AddSingleton<GatewayPresence>();
        services.AddSingleton<ConnectionLifecycle>();
        services.AddSingleton<RoomObserver>();
        services.AddSingleton<SubscriptionRenewal>();
        services.AddHostedService(sp => sp.GetRequiredService<SubscriptionRenewal>());
        services.AddHostedService<GatewayBeat>();
    }
}
