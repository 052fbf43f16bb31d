using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OrleansChat.WebGateway.Identity;

/// <summary>
/// Authenticates hub connections by their identity token: the <c>access_token</c> query parameter (WebSockets cannot
/// send headers from a browser) or an <c>Authorization: Bearer</c> header.
/// </summary>
public sealed class ChatTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ChatToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = Request.Query["access_token"];
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(token) && header.StartsWith("Bearer ", StringComparison.Ordinal)) token = header["Bearer ".Length..];
        if (string.IsNullOrEmpty(token)) return Task.FromResult(AuthenticateResult.NoResult());

        if (tokens.Validate(token) is not { } userId) return Task.FromResult(AuthenticateResult.Fail("Invalid or expired token."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
