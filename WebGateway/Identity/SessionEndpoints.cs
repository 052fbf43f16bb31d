using OrleansChat.Grains.Users;
using OrleansChat.WebGateway.Hosting;

namespace OrleansChat.WebGateway.Identity;

/// <summary>
/// <c>POST /api/session</c>: the caller's session refreshed (a new token), or a new guest; <c>POST /api/login</c>: a new
/// session of a user with a password; <c>POST /api/logout</c>: ends the caller's session or all of the user's
/// (docs/protocol.md §1).
/// </summary>
public static class SessionEndpoints
{
    public sealed record SessionRequest(string? Token);

    public sealed record LoginRequest(string? Name, string? Password);

    public sealed record LogoutRequest(string? Token, bool Everywhere);

    public sealed record SessionResponse(string Token, Guid UserId, string Name);

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/session", async (SessionRequest? request, TokenService tokens, IGrainFactory grains) =>
        {
            var presented = tokens.Validate(request?.Token);
            if (presented is { IsLegacy: false }
                && await grains.GetGrain<IUserGrain>(presented.UserId).ResumeSession(presented.SessionId) is { } profile)
            {
                return new SessionResponse(tokens.Issue(tokens.Refresh(presented)), presented.UserId, profile.Name);
            }
            // No token, or one that is forged, expired or of an ended session: a new guest. A genuine token of the
            // first format (no session) is exchanged for a session of its user.
            return await StartAsync(tokens, grains, presented is { IsLegacy: true } ? presented.UserId : Guid.NewGuid());
        }).DisableAntiforgery().RequireRateLimiting(HttpLimits.SessionPolicy).AddEndpointFilter<ApiErrors>();

        endpoints.MapPost("/api/logout", async (LogoutRequest? request, TokenService tokens, IGrainFactory grains) =>
        {
            if (tokens.Validate(request?.Token) is { IsLegacy: false } session)
                await grains.GetGrain<IUserGrain>(session.UserId).EndSessions(session.SessionId, request!.Everywhere);
            return Results.NoContent();
        }).DisableAntiforgery().AddEndpointFilter<ApiErrors>();

        endpoints.MapPost("/api/login", async (LoginRequest? request, TokenService tokens, IGrainFactory grains, HttpContext http) =>
        {
            const string refusal = "Wrong name or password.";
            if (string.IsNullOrWhiteSpace(request?.Name) || string.IsNullOrEmpty(request.Password)
                || request.Name.Length > ChatLimits.MaxUserNameLength * 2 || request.Password.Length > ChatLimits.MaxPasswordLength)
            {
                return Results.Json(new { error = refusal }, statusCode: StatusCodes.Status401Unauthorized);
            }
            // The exact name under the legacy key first: a name stored before look-alike keys may not hold its new key.
            var owner = await grains.GetGrain<IUserNameGrain>(UserNames.LegacyKey(request.Name)).GetOwner()
                ?? await grains.GetGrain<IUserNameGrain>(UserNames.Key(request.Name)).GetOwner();
            if (owner is not { } userId)
            {
                // As long as a wrong password, so that the answer's time does not tell which names exist.
                PasswordHash.Verify(request.Password, null);
                return Results.Json(new { error = refusal }, statusCode: StatusCodes.Status401Unauthorized);
            }

            var result = await grains.GetGrain<IUserGrain>(userId).VerifyPassword(request.Password, ClientAddress.Of(http));
            if (!result.Ok && result.RetryAfter > TimeSpan.Zero)
            {
                http.Response.Headers.RetryAfter = Math.Ceiling(result.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Json(new { error = "Too many attempts. Please wait before trying again." }, statusCode: StatusCodes.Status429TooManyRequests);
            }
            if (!result.Ok) return Results.Json(new { error = refusal }, statusCode: StatusCodes.Status401Unauthorized);
            return Results.Ok(await StartAsync(tokens, grains, userId));
        }).DisableAntiforgery().RequireRateLimiting(HttpLimits.LoginPolicy).AddEndpointFilter<ApiErrors>();
        return endpoints;
    }

    private static async Task<SessionResponse> StartAsync(TokenService tokens, IGrainFactory grains, Guid userId)
    {
        var session = tokens.NewSession(userId);
        var profile = await grains.GetGrain<IUserGrain>(userId).StartSession(session.SessionId, tokens.ExpiresAt(session));
        return new SessionResponse(tokens.Issue(session), userId, profile.Name);
    }
}
