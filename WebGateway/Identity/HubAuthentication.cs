namespace OrleansChat.WebGateway.Identity;

/// <summary>
/// The hub's requests (negotiate, the WebSocket, long polling) authenticated by their endpoints themselves: a request
/// without a valid token of an active session is answered 401, as the authorization middleware answers, and the
/// endpoint runs only with the token's principal as the request's user.
/// Why not ASP.NET Core's authentication and authorization middleware: a WebSocket request stays inside the pipeline
/// for as long as the connection is open, and everything the middleware made for it stayed alive with it — their async
/// frames, the handler, its results, tickets and properties, the request's service scope with the services it resolved
/// (about 2 KB per connection, measured with dotnet-gcdump at 10,000 connections: docs/benchmarks.md, "Session 7").
/// The endpoints run short-circuited by routing, so no later middleware wraps them either; the token check is the same
/// code as the HTTP endpoints' scheme (<see cref="ChatTokenAuthentication.AuthenticateAsync"/>).
/// </summary>
public static class HubAuthentication
{
    public static TBuilder RequireChatToken<TBuilder>(this TBuilder endpoints, IServiceProvider services) where TBuilder : IEndpointConventionBuilder
    {
        var tokens = services.GetRequiredService<TokenService>();
        var grains = services.GetRequiredService<IGrainFactory>();
        endpoints.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate ?? throw new InvalidOperationException($"{endpoint.DisplayName} has no request delegate.");
            endpoint.RequestDelegate = context => AuthenticatedAsync(context, inner, tokens, grains);
        });
        endpoints.ShortCircuit();
        return endpoints;
    }

    private static async Task AuthenticatedAsync(HttpContext context, RequestDelegate endpoint, TokenService tokens, IGrainFactory grains)
    {
        var (principal, _) = await ChatTokenAuthentication.AuthenticateAsync(context.Request, tokens, grains);
        if (principal is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        context.User = principal;
        await endpoint(context);
    }
}
