using OrleansChat.WebGateway.Identity;

namespace OrleansChat.WebGateway.Hosting;

/// <summary>
/// What a stopping gateway does before anything else stops. ASP.NET Core stops Kestrel last (it was registered
/// first), so without this the gateway went on accepting sessions and hub connections — its clients reconnecting —
/// while its silo or Orleans client was already stopping, and hung until the host's 30 s shutdown timeout. Once the
/// application is stopping: new requests to the API and the hub are answered 503 (<see cref="RefuseWhileStopping"/>),
/// and every hub connection is closed, so the clients go to another gateway and Kestrel has nothing left to wait for.
/// </summary>
public sealed class GracefulStop(IHostApplicationLifetime lifetime, SessionConnections connections, ILogger<GracefulStop> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() =>
        {
            var closed = connections.CloseAll();
            logger.LogInformation("Stopping: refusing new connections, closed {Count} hub connections", closed);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Middleware: while the gateway stops, the hub and the API refuse with 503 and Retry-After.</summary>
    public static IApplicationBuilder RefuseWhileStopping(IApplicationBuilder app)
    {
        var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        // Not an async lambda: a hub connection's request stays in the pipeline while it is open, and an awaiting frame
        // here would stay with it.
        return app.Use(next => context =>
        {
            var path = context.Request.Path;
            if (!stopping.IsCancellationRequested || !(path.StartsWithSegments("/hubs") || path.StartsWithSegments("/api"))) return next(context);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            context.Response.Headers.Connection = "close";
            return context.Response.WriteAsJsonAsync(new { error = "This server is restarting. Please connect again." });
        });
    }
}
