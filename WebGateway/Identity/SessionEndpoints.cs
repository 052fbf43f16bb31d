using OrleansChat.Grains.Users;
using OrleansChat.WebGateway.Hosting;

namespace OrleansChat.WebGateway.Identity;

/// <summary>
/// <c>POST /api/session</c>: the caller's identity, or a new guest identity; <c>POST /api/login</c>: the identity of a
/// user with a password (docs/protocol.md §1).
/// </summary>
public static class SessionEndpoints
{
    public sealed record SessionRequest(string? Token);

    public sealed record LoginRequest(string? Name, string? Password);

    public sealed record SessionResponse(string Token, Guid UserId, string Name);

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/session", async (SessionRequest? request, TokenService tokens, IGrainFactory grains) =>
        {
            var userId = tokens.Validate(request?.Token) ?? Guid.NewGuid();
            var profile = await grains.GetGrain<IUserGrain>(userId).EnsureProfile();
            return new SessionResponse(tokens.Issue(userId), userId, profile.Name);
        }).DisableAntiforgery().RequireRateLimiting(HttpLimits.SessionPolicy);

        endpoints.MapPost("/api/login", async (LoginRequest? request, TokenService tokens, IGrainFactory grains, HttpContext http) =>
        {
            const string refusal = "Wrong name or password.";
            if (string.IsNullOrWhiteSpace(request?.Name) || string.IsNullOrEmpty(request.Password)
                || request.Name.Length > ChatLimits.MaxUserNameLength * 2 || request.Password.Length > ChatLimits.MaxPasswordLength)
            {
                return Results.Json(new { error = refusal }, statusCode: StatusCodes.Status401Unauthorized);
            }
            var owner = await grains.GetGrain<IUserNameGrain>(UserNames.Normalize(request.Name)).GetOwner();
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
            var profile = await grains.GetGrain<IUserGrain>(userId).EnsureProfile();
            return Results.Ok(new SessionResponse(tokens.Issue(userId), userId, profile.Name));
        }).DisableAntiforgery().RequireRateLimiting(HttpLimits.LoginPolicy);
        return endpoints;
    }
}
