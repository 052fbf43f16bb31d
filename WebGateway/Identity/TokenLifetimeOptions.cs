namespace OrleansChat.WebGateway.Identity;

/// <summary>Lifetimes of identity tokens (configuration section <c>Chat:Sessions</c>); see docs/operations.md.</summary>
public sealed class TokenLifetimeOptions
{
    public const string Section = "Chat:Sessions";

    /// <summary>A token not refreshed (<c>POST /api/session</c>) for this long is refused: the user starts as a new guest.</summary>
    public TimeSpan IdleLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A session ends this long after it started (guest creation or login), however often it was refreshed.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(180);
}
