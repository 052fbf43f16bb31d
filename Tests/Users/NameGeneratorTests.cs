using OrleansChat.Grains.Users;

namespace OrleansChat.Tests.Users;

public class NameGeneratorTests
{
    [Fact]
    public void OnceEveryPlainNameIsTaken_ANewGuestFindsAFreeNameInAFewAttempts()
    {
        // 60 adjectives × 60 animals: 3,600 plain names. Take them all, then name 10,000 more guests the way the user
        // grain does (try, and on a clash try again); every failed attempt costs name-lock reads in the grain.
        var random = new Random(16);
        var taken = new HashSet<string>(); // by look-alike key, as the name locks are
        for (var i = 0; taken.Count < 3_600 && i < 1_000_000; i++) taken.Add(UserNames.Key(NameGenerator.Next(random, 0)));
        Assert.Equal(3_600, taken.Count);

        var attempts = 0;
        for (var guest = 0; guest < 10_000; guest++)
        {
            for (var attempt = 0; ; attempt++)
            {
                attempts++;
                if (taken.Add(UserNames.Key(NameGenerator.Next(random, attempt)))) break;
                Assert.True(attempt < 40, "no free name in the user grain's 40 attempts");
            }
        }

        Assert.True(attempts <= 10_000 * (NameGenerator.PlainAttempts + 1.1), $"{attempts} attempts for 10,000 guests");
    }

    [Fact]
    public void TheFirstAttempts_AreAPlainAdjectiveAndAnimal()
    {
        var name = NameGenerator.Next(new Random(1), 0);
        Assert.Matches(@"^[A-Z][a-z]+ [A-Z][a-z]+$", name);
        Assert.Null(UserNames.Validate(name));
        Assert.Matches(@"^[A-Z][a-z]+ [A-Z][a-z]+ \d+$", NameGenerator.Next(new Random(1), NameGenerator.PlainAttempts));
    }
}
