using Orleans.Runtime;

namespace OrleansChat.WebGateway.Hosting;

/// <summary>
/// How the HTTP endpoints (<c>/api/*</c>) answer what goes wrong behind them: a chat rule's refusal
/// (<see cref="ChatException"/>) is the caller's to read, 400 with its words; a cluster that cannot answer right now (the
/// grain's silo died and is not declared dead yet, no silo reachable, a call timed out) is 503 with Retry-After, so a
/// client waits and tries again instead of taking a 500 for a broken server. Neither is logged as an error.
/// </summary>
public sealed class ApiErrors(ILogger<ApiErrors> logger) : IEndpointFilter
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ChatException ex)
        {
            return Results.Json(new { error = ex.Message }, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            logger.LogWarning("{Path} could not reach the cluster ({Error}); answered 503", context.HttpContext.Request.Path, ex.GetType().Name);
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new { error = "The chat cannot answer right now. Please try again in a moment." },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>Failures of the cluster's availability rather than of the request.</summary>
    public static bool IsTransient(Exception ex) => ex is SiloUnavailableException or OrleansMessageRejectionException
        or TimeoutException or GatewayTooBusyException or ClientNotAvailableException
        or Orleans.Runtime.Messaging.ConnectionFailedException;
}
