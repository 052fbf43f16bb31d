using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace OrleansChat.WebGateway.Identity;

/// <summary>
/// Authenticates requests by their identity token: the <c>access_token</c> query parameter (WebSockets cannot send
/// headers from a browser) or an <c>Authorization: Bearer</c> header. The token must be genuine, unexpired and of a
/// session the user grain still holds (not logged out or revoked). The HTTP endpoints use it as ASP.NET Core's
/// authentication scheme; the hub's endpoints call <see cref="AuthenticateAsync"/> themselves (<see cref="HubAuthentication"/>).
/// </summary>
public sealed class ChatTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ChatToken";

    /// <summary>The principal of the request's token, or why there is none.</summary>
    public static async Task<(ClaimsPrincipal? Principal, string? Failure)> AuthenticateAsync(HttpRequest request, TokenService tokens, IGrainFactory grains)
    {
        string? token = request.Query["access_token"];
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(token) && header.StartsWith("Bearer ", StringComparison.Ordinal)) token = header["Bearer ".Length..];
        if (string.IsNullOrEmpty(token)) return (null, null);

        // A token of the first format has no session: POST /api/session exchanges it for one.
        if (tokens.Validate(token) is not { IsLegacy: false } session) return (null, "Invalid or expired token.");
        if (!await grains.GetGrain<IUserGrain>(session.UserId).IsSessionActive(session.SessionId)) return (null, "The session has ended.");
        return (new ClaimsPrincipal(new ChatIdentity(session.UserId, session.SessionId)), null);
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync() =>
        await AuthenticateAsync(Request, tokens, grains) switch
        {
            ({ } principal, _) => AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)),
            (null, { } failure) => AuthenticateResult.Fail(failure),
            _ => AuthenticateResult.NoResult(),
        };
}
