using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.WebGateway.Hubs;

/// <summary>
/// Turns grain refusals (<see cref="ChatException"/>) into hub errors for the caller, and any other failure into a
/// generic one that leaks nothing; the connection and everyone else carry on. A refusal is the caller's mistake and is
/// logged at Debug, without a stack trace, so no client can fill the error log; only unexpected failures are errors.
/// </summary>
public sealed class ChatErrorFilter(ILogger<ChatErrorFilter> logger) : IHubFilter
{
    /// <summary>
    /// SignalR's dispatcher logs every failed hub method at Error level with its stack trace, refusals included. This
    /// filter logs each unexpected failure itself, so the dispatcher's category keeps only Warning and Critical
    /// (<see cref="DispatcherLevels"/>).
    /// </summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    /// <summary>
    /// SignalR's connection handler logs a failed <c>OnConnectedAsync</c> at Error, a refused connection (too many of
    /// one user) included; <see cref="OnConnectedAsync"/> logs unexpected failures itself, so it keeps the same levels.
    /// </summary>
    public const string ConnectionHandlerCategory = "Microsoft.AspNetCore.SignalR.HubConnectionHandler";

    public static bool DispatcherLevels(LogLevel level) => level is LogLevel.Warning or LogLevel.Critical;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (ChatException ex)
        {
            logger.LogDebug("Hub method {Method} refused for {User}: {Reason}", context.HubMethodName, context.Context.UserIdentifier, ex.Message);
            throw new HubException(ex.Message);
        }
        catch (HubException ex)
        {
            logger.LogDebug("Hub method {Method} refused for {User}: {Reason}", context.HubMethodName, context.Context.UserIdentifier, ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Hub method {Method} failed for {User}", context.HubMethodName, context.Context.UserIdentifier);
            throw new HubException("The server could not do that right now. Please try again.");
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (ChatException ex)
        {
            logger.LogDebug("Connection of {User} refused: {Reason}", context.Context.UserIdentifier, ex.Message);
            throw new HubException(ex.Message);
        }
        catch (Exception ex) when (ex is not HubException)
        {
            logger.LogError(ex, "Connecting {User} failed", context.Context.UserIdentifier);
            throw;
        }
    }
}
