using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace OrleansChat.Grains.Users;

/// <summary>
/// Password hashes: ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (its V3 format: PBKDF2-HMAC-SHA512,
/// 100,000 iterations, random salt). Hashes of earlier releases (<c>pbkdf2-sha256$iterations$salt$hash</c>) still verify
/// and are reported as needing a rehash, which the user grain does on the next successful login.
/// </summary>
public static class PasswordHash
{
    private const string LegacyPrefix = "pbkdf2-sha256$";
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object NoUser = new();

    /// <summary>
    /// A hash of a random password, checked when there is no real hash (unknown name, account without a password), so
    /// that a refusal takes as long as a wrong password and does not tell who has one.
    /// </summary>
    private static readonly string Dummy = Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    public static string Create(string password) => Hasher.HashPassword(NoUser, password);

    /// <summary>Checks <paramref name="password"/> against <paramref name="stored"/>; null checks a dummy hash and fails.</summary>
    public static PasswordVerificationResult Verify(string password, string? stored)
    {
        if (stored is null)
        {
            Hasher.VerifyHashedPassword(NoUser, Dummy, password);
            return PasswordVerificationResult.Failed;
        }
        if (stored.StartsWith(LegacyPrefix, StringComparison.Ordinal))
            return VerifyLegacy(password, stored) ? PasswordVerificationResult.SuccessRehashNeeded : PasswordVerificationResult.Failed;
        try
        {
            return Hasher.VerifyHashedPassword(NoUser, stored, password);
        }
        catch (FormatException)
        {
            return PasswordVerificationResult.Failed;
        }
    }

    /// <summary>A hash in the format of earlier releases; kept for the tests of the migration.</summary>
    internal static string CreateLegacy(string password, int iterations = 100_000)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = DeriveLegacy(password, salt, iterations);
        return string.Join('$', "pbkdf2-sha256", iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    private static bool VerifyLegacy(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)) return false;
        var expected = Convert.FromBase64String(parts[3]);
        return CryptographicOperations.FixedTimeEquals(expected, DeriveLegacy(password, Convert.FromBase64String(parts[2]), iterations));
    }

    private static byte[] DeriveLegacy(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
}
