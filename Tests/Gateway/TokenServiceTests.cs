using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using OrleansChat.WebGateway.Identity;

namespace OrleansChat.Tests.Gateway;

/// <summary>Token lifetimes on a fake clock: idle and absolute expiry, refresh.</summary>
public sealed class TokenServiceTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z"));
    private readonly TokenLifetimeOptions _lifetimes = new() { IdleLifetime = TimeSpan.FromDays(7), AbsoluteLifetime = TimeSpan.FromDays(30) };
    private readonly TokenService _tokens;

    public TokenServiceTests() => _tokens = new TokenService(RandomNumberGenerator.GetBytes(32), _time, _lifetimes);

    [Fact]
    public void Token_NotRefreshedForTheIdleLifetime_IsRefused()
    {
        var token = _tokens.Issue(_tokens.NewSession(Guid.NewGuid()));

        _time.Advance(_lifetimes.IdleLifetime);
        Assert.NotNull(_tokens.Validate(token));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_tokens.Validate(token));
    }

    [Fact]
    public void Refresh_GivesANewTokenOfTheSameSession_UntilTheAbsoluteLifetime()
    {
        var session = _tokens.NewSession(Guid.NewGuid());
        var token = _tokens.Issue(session);

        for (var day = 0; day < 29; day++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            var refreshed = _tokens.Issue(_tokens.Refresh(_tokens.Validate(token)!));
            Assert.NotEqual(token, refreshed);
            token = refreshed;
        }
        Assert.Equal(session.SessionId, _tokens.Validate(token)!.SessionId);
        Assert.Equal(session.Started + _lifetimes.AbsoluteLifetime, _tokens.ExpiresAt(_tokens.Validate(token)!));

        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.Null(_tokens.Validate(token));
    }

    [Fact]
    public void Token_SignedWithAnotherKey_IsRefused()
    {
        var other = new TokenService(RandomNumberGenerator.GetBytes(32), _time, _lifetimes);

        Assert.Null(_tokens.Validate(other.Issue(other.NewSession(Guid.NewGuid()))));
    }
}
