using Microsoft.AspNetCore.Identity;
using OrleansChat.Grains.Users;

namespace OrleansChat.Tests.Users;

public sealed class PasswordHashTests
{
    [Fact]
    public void NewHash_IsIdentitysFormat_AndVerifiesOnlyTheRightPassword()
    {
        var hash = PasswordHash.Create("correct horse");

        Assert.DoesNotContain("pbkdf2-sha256", hash);
        Assert.Equal(PasswordVerificationResult.Success, PasswordHash.Verify("correct horse", hash));
        Assert.Equal(PasswordVerificationResult.Failed, PasswordHash.Verify("Correct horse", hash));
    }

    [Fact]
    public void OldFormatHash_StillVerifies_AndAsksForARehash()
    {
        var legacy = PasswordHash.CreateLegacy("correct horse", iterations: 1000);

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, PasswordHash.Verify("correct horse", legacy));
        Assert.Equal(PasswordVerificationResult.Failed, PasswordHash.Verify("wrong horse", legacy));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a hash")]
    public void MissingOrBrokenHash_NeverVerifies(string? stored) =>
        Assert.Equal(PasswordVerificationResult.Failed, PasswordHash.Verify("anything at all", stored));
}
