using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.WebGateway.Hubs;

/// <summary>
/// Turns grain refusals (<see cref="ChatException"/>) into hub errors for the caller, and any other failure into a
/// generic one that leaks nothing; the connection and everyone else carry on.
/// </summary>
public sealed class ChatErrorFilter(ILogger<ChatErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (ChatException ex)
        {
            throw new HubException(ex.Message);
        }
        catch (Exception ex) when (ex is not HubException)
        {
            logger.LogError(ex, "Hub method {Method} failed for {User}", context.HubMethodName, context.Context.UserIdentifier);
            throw new HubException("The server could not do that right now. Please try again.");
        }
    }
}
