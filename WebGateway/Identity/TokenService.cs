using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansChat.WebGateway.Identity;

/// <summary>
/// Issues and checks identity tokens <c>v1.&lt;userId&gt;.&lt;issuedUnixSeconds&gt;.&lt;HMAC-SHA256&gt;</c>. Only the server
/// can make one, so a client cannot choose its user id.
/// </summary>
public sealed class TokenService(byte[] key, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    public string Issue(Guid userId)
    {
        var payload = $"v1.{userId:N}.{time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        return payload + "." + Sign(payload);
    }

    /// <summary>The user id of a valid, unexpired token; null for anything else.</summary>
    public Guid? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200) return null;
        var lastDot = token.LastIndexOf('.');
        if (lastDot <= 0) return null;
        var payload = token[..lastDot];
        var signature = Encoding.ASCII.GetBytes(token[(lastDot + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(signature, Encoding.ASCII.GetBytes(Sign(payload)))) return null;

        var parts = payload.Split('.');
        if (parts.Length != 3 || parts[0] != "v1") return null;
        if (!Guid.TryParseExact(parts[1], "N", out var userId)) return null;
        if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)) return null;
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued);
        return age < TimeSpan.FromMinutes(-5) || age > Lifetime ? null : userId;
    }

    private string Sign(string payload) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload)));

    /// <summary>The configured key, or one generated once and kept in <paramref name="dataDirectory"/>.</summary>
    public static byte[] LoadKey(string? configured, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Convert.FromBase64String(configured);
            return bytes.Length >= 32 ? bytes : throw new InvalidOperationException("Chat:TokenKey must be at least 32 bytes (base64).");
        }
        var path = Path.Combine(dataDirectory, "token.key");
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(dataDirectory);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key));
        return key;
    }
}
