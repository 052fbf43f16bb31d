using System.Security.Claims;

namespace OrleansChat.WebGateway.Identity;

/// <summary>
/// The identity of a valid token: the user id as its one claim (<see cref="ClaimTypes.NameIdentifier"/>, which SignalR
/// makes the connection's user identifier and compares between the requests of one connection), and the session as a
/// field. A hub connection keeps its identity as long as it is open, so it holds no more than that.
/// </summary>
public sealed class ChatIdentity(Guid userId, Guid sessionId)
    : ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], ChatTokenAuthentication.SchemeName)
{
    public Guid UserId { get; } = userId;

    public Guid SessionId { get; } = sessionId;
}
