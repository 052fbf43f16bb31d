using OrleansChat.Grains.Users;

namespace OrleansChat.Tests.Users;

public sealed class NameLocksTests
{
    private readonly Dictionary<string, FakeNameLock> _locks = [];

    private NameLocks For(Guid user) => new(user, key => _locks.TryGetValue(key, out var l) ? l : _locks[key] = new FakeNameLock());

    private Guid? Owner(string key) => _locks.TryGetValue(key, out var l) ? l.Owner : null;

    [Fact]
    public async Task TryClaim_AFreeName_HoldsAllItsKeys()
    {
        var user = Guid.NewGuid();

        var keys = await For(user).TryClaim("Amber Heron", []);

        Assert.Equal(UserNames.Keys("Amber Heron"), keys);
        Assert.All(keys!, k => Assert.Equal(user, Owner(k)));
    }

    [Fact]
    public async Task TryClaim_ALookAlikeInAnotherCase_ClaimsNothing()
    {
        await For(Guid.NewGuid()).TryClaim("Ivan Heron", []);
        var user = Guid.NewGuid();

        // "lvan heron" has its own case-insensitive key, but shows like "Ivan Heron".
        Assert.Null(await For(user).TryClaim("lvan Heron", []));

        Assert.DoesNotContain(_locks.Values, l => l.Owner == user);
    }

    [Fact]
    public async Task TryClaim_ANameStoredUnderTheLegacyKey_IsRefusedToOthers()
    {
        var legacyOwner = Guid.NewGuid();
        await For(legacyOwner).TryClaim("x", []); // any lock table; now give the legacy owner the old key by hand
        _locks[UserNames.LegacyKey("Amber Heron")] = new FakeNameLock { Owner = legacyOwner };

        Assert.Null(await For(Guid.NewGuid()).TryClaim("AMBER heron", []));
    }

    [Fact]
    public async Task TryClaimThenReleaseOthers_ALegacyName_MovesOntoTheNewKeysAndFreesTheOldOne()
    {
        var user = Guid.NewGuid();
        var legacy = UserNames.LegacyKey("Amber Heron");
        _locks[legacy] = new FakeNameLock { Owner = user };
        var held = NameLocks.Held("Amber Heron", null);
        Assert.False(NameLocks.AreCurrent("Amber Heron", held));

        var keys = await For(user).TryClaim("Amber Heron", held);
        await For(user).ReleaseOthers(held, keys!);

        Assert.True(NameLocks.AreCurrent("Amber Heron", keys!));
        Assert.All(keys!, k => Assert.Equal(user, Owner(k)));
        Assert.Null(Owner(legacy));
    }

    [Fact]
    public async Task TryClaim_ACaseOnlyRename_KeepsTheSharedKeyAndReleasesOnlyTheOther()
    {
        var user = Guid.NewGuid();
        var held = await For(user).TryClaim("amber heron", []);

        var keys = await For(user).TryClaim("Amber Heron", held!);
        await For(user).ReleaseOthers(held!, keys!);

        Assert.Equal(user, Owner(UserNames.Key("Amber Heron")));
        Assert.Equal(user, Owner(UserNames.DisplayKey("Amber Heron")));
        Assert.Null(Owner(UserNames.DisplayKey("amber heron")));
    }

    private sealed class FakeNameLock : IUserNameGrain
    {
        public Guid? Owner { get; set; }

        public Task<bool> TryClaim(Guid userId)
        {
            Owner ??= userId;
            return Task.FromResult(Owner == userId);
        }

        public Task Release(Guid userId)
        {
            if (Owner == userId) Owner = null;
            return Task.CompletedTask;
        }

        public Task<Guid?> GetOwner() => Task.FromResult(Owner);
    }
}
