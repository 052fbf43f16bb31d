using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace OrleansChat.WebGateway.Identity;

/// <summary>
/// Authenticates hub connections by their identity token: the <c>access_token</c> query parameter (WebSockets cannot
/// send headers from a browser) or an <c>Authorization: Bearer</c> header. The token must be genuine, unexpired and of a
/// session the user grain still holds (not logged out or revoked); the session id becomes the <see cref="SessionClaim"/>.
/// </summary>
public sealed class ChatTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ChatToken";
    public const string SessionClaim = "sid";

    /// <summary>The user of an authenticated hub connection: from its token only.</summary>
    public static Guid UserIdOf(HubCallerContext connection) => Guid.Parse(connection.UserIdentifier!);

    /// <summary>The session of the token an authenticated hub connection was opened with.</summary>
    public static Guid SessionIdOf(HubCallerContext connection) => Guid.Parse(connection.User!.FindFirst(SessionClaim)!.Value);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = Request.Query["access_token"];
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(token) && header.StartsWith("Bearer ", StringComparison.Ordinal)) token = header["Bearer ".Length..];
        if (string.IsNullOrEmpty(token)) return AuthenticateResult.NoResult();

        // A token of the first format has no session: POST /api/session exchanges it for one.
        if (tokens.Validate(token) is not { IsLegacy: false } session) return AuthenticateResult.Fail("Invalid or expired token.");
        if (!await grains.GetGrain<IUserGrain>(session.UserId).IsSessionActive(session.SessionId)) return AuthenticateResult.Fail("The session has ended.");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, session.UserId.ToString()), new Claim(SessionClaim, session.SessionId.ToString())], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
