namespace OrleansChat.WebGateway.Identity;

/// <summary>
/// What an identity token says: whose it is, which session (revocable in the user grain), when the session started
/// (absolute lifetime) and when this token was issued (idle lifetime). <see cref="SessionId"/> is empty for a token of
/// the first format, which has no session: it is only exchanged for a new one.
/// </summary>
public sealed record SessionToken(Guid UserId, Guid SessionId, DateTimeOffset Started, DateTimeOffset Issued)
{
    public bool IsLegacy => SessionId == Guid.Empty;
}
