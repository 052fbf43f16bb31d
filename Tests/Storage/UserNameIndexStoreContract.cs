using OrleansChat.Grains.Storage;

namespace OrleansChat.Tests.Storage;

/// <summary>
/// What every <see cref="IUserNameIndexStore"/> promises, run against a real database by one subclass per engine. Each
/// test writes keys under a prefix of its own, so tests of one class may share a database.
/// </summary>
public abstract class UserNameIndexStoreContract : IAsyncLifetime
{
    private static readonly Guid Alice = Guid.Parse("5f0c7a52-3d0e-4c55-9a43-0d6c1bb0e001");
    private static readonly Guid Bob = Guid.Parse("5f0c7a52-3d0e-4c55-9a43-0d6c1bb0e002");

    private readonly List<IUserNameIndexStore> _openStores = [];

    /// <summary>Keys of this test start with it: a test sees its own rows only.</summary>
    protected string P { get; } = $"t{Guid.NewGuid().ToString("N")[..10]} ";

    protected IUserNameIndexStore Store { get; private set; } = null!;

    /// <summary>A new store over this test's database: the same rows on every call.</summary>
    protected abstract IUserNameIndexStore CreateStore();

    protected virtual Task DeleteDatabaseAsync() => Task.CompletedTask;

    public Task InitializeAsync()
    {
        Store = Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _openStores.OfType<IAsyncDisposable>()) await store.DisposeAsync();
        await DeleteDatabaseAsync();
    }

    protected IUserNameIndexStore Open()
    {
        var store = CreateStore();
        _openStores.Add(store);
        return store;
    }

    [Fact]
    public async Task Search_ReturnsTheRowsOfThePrefix_InKeyOrder_AtMostTheLimit()
    {
        var rows = new[] { "carol", "amber heron", "bob", "amber fox", "amberly", "amb" }.Select(Row).ToList();
        await Store.UpsertAsync(rows);
        await Store.UpsertAsync([new UserNameRow(P[..^1] + "!amber", Bob, "outside the prefix")]);

        Assert.Equal(Keys("amb", "amber fox", "amber heron", "amberly"), (await Store.SearchAsync(P + "amb", 10)).Select(r => r.Key));
        Assert.Equal(Keys("amb", "amber fox"), (await Store.SearchAsync(P + "amb", 2)).Select(r => r.Key));
        Assert.Equal(Keys("amber heron"), (await Store.SearchAsync(P + "amber h", 10)).Select(r => r.Key));
        Assert.Equal(Keys("amb", "amber fox", "amber heron", "amberly", "bob", "carol"), (await Store.SearchAsync(P, 10)).Select(r => r.Key));
        Assert.Empty(await Store.SearchAsync(P + "ambers", 10));
        Assert.Equal(rows.Single(r => r.Key == P + "bob"), Assert.Single(await Store.SearchAsync(P + "bob", 10)));
    }

    [Fact]
    public async Task Upsert_OfAKeyThatExists_ReplacesItsUserAndName()
    {
        await Store.UpsertAsync([Row("amber heron")]);

        await Store.UpsertAsync([new UserNameRow(P + "amber heron", Bob, "AMBER  Heron")]);

        Assert.Equal([new UserNameRow(P + "amber heron", Bob, "AMBER  Heron")], await Store.SearchAsync(P, 10));
    }

    [Fact]
    public async Task Remove_DeletesTheRow_OnlyWhenItNamesThatUser()
    {
        await Store.UpsertAsync([Row("amber heron"), Row("bold fox")]);

        await Store.RemoveAsync(P + "amber heron", Bob);
        await Store.RemoveAsync(P + "no such name", Alice);
        Assert.Equal(Keys("amber heron", "bold fox"), (await Store.SearchAsync(P, 10)).Select(r => r.Key));

        await Store.RemoveAsync(P + "amber heron", Alice);
        Assert.Equal(Keys("bold fox"), (await Store.SearchAsync(P, 10)).Select(r => r.Key));
    }

    [Fact]
    public async Task Search_TakesWildcardsQuotesAndBackslashesLiterally()
    {
        string[] names = ["a%b", "a_b", "axb", "a'b", "a\"b", "a\\b", "a[b", "a*b"];
        await Store.UpsertAsync([.. names.Select(Row)]);

        foreach (var name in names)
            Assert.Equal(Keys(name), (await Store.SearchAsync(P + name[..2], 10)).Select(r => r.Key));
        Assert.Empty(await Store.SearchAsync(P + "%", 10));
        Assert.Empty(await Store.SearchAsync(P + "_", 10));
    }

    [Fact]
    public async Task Search_OfNamesBeyondAscii_MatchesByPrefix_InCodePointOrder()
    {
        string[] names = ["zoë", "zoe", "ζωή", "日本語", "日本", "ä", "ｚｏｅ", "ivan", "иван", "\uD7FFx", "\uE000x", "\uFFFDx", "a\U0001D400"];
        await Store.UpsertAsync([.. names.Select(Row)]);

        Assert.Equal(Keys([.. names.Order(StringComparer.Ordinal)]), (await Store.SearchAsync(P, 20)).Select(r => r.Key));
        Assert.Equal(Keys("zoe", "zoë"), (await Store.SearchAsync(P + "zo", 10)).Select(r => r.Key));
        Assert.Equal(Keys("日本", "日本語"), (await Store.SearchAsync(P + "日", 10)).Select(r => r.Key));
        Assert.Equal(Keys("иван"), (await Store.SearchAsync(P + "ив", 10)).Select(r => r.Key));
        Assert.Equal("Name of ζωή", (await Store.SearchAsync(P + "ζ", 10))[0].Name);
        // Past the end of the surrogates (U+D7FF + 1 is U+E000) and of the basic plane.
        Assert.Equal(Keys("\uD7FFx"), (await Store.SearchAsync(P + "\uD7FF", 10)).Select(r => r.Key));
        Assert.Equal(Keys("a\U0001D400"), (await Store.SearchAsync(P + "a", 10)).Select(r => r.Key));
    }

    [Fact]
    public async Task Upsert_OfManyRows_StoresThemAll_AndTheLastOfOneKeyCounts()
    {
        var rows = Enumerable.Range(0, 6000).Select(i => Row($"n{i:00000}")).ToList();
        rows.Add(new UserNameRow(P + "n00007", Bob, "the later one"));

        await Store.UpsertAsync(rows);

        Assert.Equal(Keys([.. Enumerable.Range(5990, 10).Select(i => $"n{i:00000}")]), (await Store.SearchAsync(P + "n0599", 20)).Select(r => r.Key));
        Assert.Equal(new UserNameRow(P + "n00007", Bob, "the later one"), Assert.Single(await Store.SearchAsync(P + "n00007", 10)));
    }

    [Fact]
    public async Task Rows_AreThereForAStoreOpenedAfterwards()
    {
        await Store.UpsertAsync([Row("amber heron"), Row("bold fox")]);
        await Store.RemoveAsync(P + "bold fox", Alice);

        var reopened = Open();

        Assert.Equal([Row("amber heron")], await reopened.SearchAsync(P, 10));
    }

    private UserNameRow Row(string name) => new(P + name, Alice, "Name of " + name);

    private string[] Keys(params string[] names) => [.. names.Select(n => P + n)];
}
