using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansChat.WebGateway.Identity;

/// <summary>
/// Issues and checks identity tokens
/// <c>v2.&lt;userId&gt;.&lt;sessionId&gt;.&lt;startedUnixSeconds&gt;.&lt;issuedUnixSeconds&gt;.&lt;HMAC-SHA256&gt;</c>. Only the
/// server can make one, so a client cannot choose its user id. A token is refused once it is older than the idle
/// lifetime or its session older than the absolute lifetime; whether its session was revoked is the user grain's to
/// say (docs/architecture.md, Identity, says why this is not ASP.NET Core's data protection format).
/// Tokens of the first format (<c>v1.&lt;userId&gt;.&lt;issued&gt;</c>) are still read, to be exchanged for a session.
/// </summary>
public sealed class TokenService(byte[] key, TimeProvider time, TokenLifetimeOptions options)
{
    private const int MaxTokenLength = 200;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public SessionToken NewSession(Guid userId)
    {
        var now = Now();
        return new SessionToken(userId, Guid.NewGuid(), now, now);
    }

    /// <summary>The same session, issued now: a fresh idle lifetime, the same absolute one.</summary>
    public SessionToken Refresh(SessionToken session) => session with { Issued = Now() };

    /// <summary>When the session ends at the latest, whatever refreshes.</summary>
    public DateTimeOffset ExpiresAt(SessionToken session) => session.Started + options.AbsoluteLifetime;

    public string Issue(SessionToken session)
    {
        var payload = string.Join('.', "v2", session.UserId.ToString("N"), session.SessionId.ToString("N"), Unix(session.Started), Unix(session.Issued));
        return payload + "." + Sign(payload);
    }

    /// <summary>The session of a genuine, unexpired token; null for anything else. Revocation is not checked here.</summary>
    public SessionToken? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength) return null;
        var lastDot = token.LastIndexOf('.');
        if (lastDot <= 0) return null;
        var payload = token[..lastDot];
        var signature = Encoding.ASCII.GetBytes(token[(lastDot + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(signature, Encoding.ASCII.GetBytes(Sign(payload)))) return null;

        var session = Parse(payload.Split('.'));
        if (session is null) return null;
        var now = Now();
        var idle = now - session.Issued;
        var age = now - session.Started;
        if (idle < -ClockSkew || age < -ClockSkew || idle > options.IdleLifetime || age > options.AbsoluteLifetime) return null;
        return session;
    }

    private static SessionToken? Parse(string[] parts)
    {
        if (parts is ["v2", var user, var session, var started, var issued]
            && Guid.TryParseExact(user, "N", out var userId) && Guid.TryParseExact(session, "N", out var sessionId) && sessionId != Guid.Empty
            && TryUnix(started, out var startedAt) && TryUnix(issued, out var issuedAt))
        {
            return new SessionToken(userId, sessionId, startedAt, issuedAt);
        }
        if (parts is ["v1", var legacyUser, var legacyIssued]
            && Guid.TryParseExact(legacyUser, "N", out var legacyId) && TryUnix(legacyIssued, out var legacyAt))
        {
            return new SessionToken(legacyId, Guid.Empty, legacyAt, legacyAt);
        }
        return null;
    }

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());

    private static string Unix(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static bool TryUnix(string text, out DateTimeOffset at)
    {
        at = default;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799) return false;
        at = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private string Sign(string payload) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload)));

    /// <summary>
    /// The configured key, or one generated once and kept in <paramref name="dataDirectory"/>, readable by its owner
    /// only (Unix mode 600; a key file found with wider permissions is narrowed).
    /// </summary>
    public static byte[] LoadKey(string? configured, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Convert.FromBase64String(configured);
            return bytes.Length >= 32 ? bytes : throw new InvalidOperationException("Chat:TokenKey must be at least 32 bytes (base64).");
        }
        var path = Path.Combine(dataDirectory, "token.key");
        if (File.Exists(path))
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0) File.SetUnixFileMode(path, OwnerOnly);
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        Directory.CreateDirectory(dataDirectory);
        var key = RandomNumberGenerator.GetBytes(32);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = OwnerOnly;
        using (var writer = new StreamWriter(path, Encoding.ASCII, create)) writer.Write(Convert.ToBase64String(key));
        return key;
    }

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
}
