namespace OrleansChat.WebGateway.Identity;

/// <summary><c>POST /api/session</c>: returns the caller's identity, or a new guest identity (docs/protocol.md §1).</summary>
public static class SessionEndpoints
{
    public sealed record SessionRequest(string? Token);

    public sealed record SessionResponse(string Token, Guid UserId, string Name);

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/session", async (SessionRequest? request, TokenService tokens, IGrainFactory grains) =>
        {
            var userId = tokens.Validate(request?.Token) ?? Guid.NewGuid();
            var profile = await grains.GetGrain<IUserGrain>(userId).EnsureProfile();
            return new SessionResponse(tokens.Issue(userId), userId, profile.Name);
        }).DisableAntiforgery();
        return endpoints;
    }
}
