using OrleansChat.Grains.Presence;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Tests.Rooms;

public sealed class MemberIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly MemberIndex _index = new();
    private readonly Dictionary<Guid, string> _names = [];

    private Guid Add(string name, PresenceState state = PresenceState.Offline, double hoursAgo = 1)
    {
        var id = Guid.NewGuid();
        _names[id] = name;
        _index.Set(id, state, Now.AddHours(-hoursAgo), name);
        return id;
    }

    private List<string> Names(IEnumerable<Guid> ids) => ids.Select(id => _names[id]).ToList();

    private List<string> All(int limit = 2, string? filter = null, int maxScan = 1000)
    {
        var names = new List<string>();
        MemberIndex.Entry? after = null;
        for (var i = 0; i < 1000; i++)
        {
            var (users, next) = _index.Page(after, limit, filter, maxScan);
            names.AddRange(Names(users));
            if (next is null) return names;
            Assert.True(MemberIndex.TryParseCursor(next, out var entry));
            after = entry;
        }
        throw new InvalidOperationException("The pages never ended.");
    }

    [Fact]
    public void Page_ListsTheOnline_ThenTheAway_EachByName_ThenTheOfflineMostRecentFirst_UnknownLast()
    {
        Add("dora", PresenceState.Offline, hoursAgo: 5);
        Add("Bea", PresenceState.Online, hoursAgo: 50);
        Add("carl", PresenceState.Away);
        Add("ernst", PresenceState.Offline, hoursAgo: 2);
        Add("anna", PresenceState.Online);
        Add("axel", PresenceState.Away);
        var unknown = Guid.NewGuid();
        _names[unknown] = "aaron";
        _index.Set(unknown, PresenceState.Offline, null, "aaron");
        Add("fritz", PresenceState.Offline, hoursAgo: 2);

        var (users, next) = _index.Page(null, 10, null, 1000);

        Assert.Equal(["anna", "Bea", "axel", "carl", "ernst", "fritz", "dora", "aaron"], Names(users));
        Assert.Null(next);
        Assert.Equal(8, _index.Count);
        Assert.Equal(4, _index.Online);
    }

    [Fact]
    public void Pages_FollowOneAnother_WithoutRepeatsOrGaps_InA100000MemberList()
    {
        var random = new Random(16);
        for (var i = 0; i < 100_000; i++)
        {
            var state = (PresenceState)random.Next(3);
            Add($"user {random.Next(50_000)}", state, random.Next(1, 24 * 60));
        }

        var whole = _index.Page(null, 100_000, null, 100_000).Users;
        var paged = new List<Guid>();
        MemberIndex.Entry? after = null;
        while (true)
        {
            var (users, next) = _index.Page(after, 200, null, 1000);
            paged.AddRange(users);
            if (next is null) break;
            MemberIndex.TryParseCursor(next, out var entry);
            after = entry;
        }

        Assert.Equal(whole, paged);
        Assert.Equal(100_000, paged.Distinct().Count());
    }

    [Fact]
    public void Cursor_StaysValid_WhenItsMemberComesOnlineOrLeaves_AndTheNextPageGoesOnFromThatPlace()
    {
        Add("anna", PresenceState.Online);
        var bea = Add("bea", hoursAgo: 1);
        var carl = Add("carl", hoursAgo: 2);
        Add("dora", hoursAgo: 3);
        Add("ernst", hoursAgo: 4);
        var (first, next) = _index.Page(null, 3, null, 1000);
        Assert.Equal(["anna", "bea", "carl"], Names(first));
        Assert.True(MemberIndex.TryParseCursor(next!, out var after));

        _index.Set(carl, PresenceState.Online, Now, "carl"); // the member the cursor was taken at moves to the top
        _index.Remove(bea);
        var (second, end) = _index.Page(after, 3, null, 1000);

        Assert.Equal(["dora", "ernst"], Names(second));
        Assert.Null(end);
        Assert.Equal(2, _index.Online);
        Assert.Equal(4, _index.Count);
    }

    [Fact]
    public void Move_ChangesTheOrder_AndTheOnlineCount_AndASecondSetOfTheSameStateChangesNothing()
    {
        var anna = Add("anna", hoursAgo: 3);
        Add("bea", hoursAgo: 1);
        _index.Set(anna, PresenceState.Away, Now, "anna");
        _index.Set(anna, PresenceState.Away, Now, "anna");
        Assert.Equal(["anna", "bea"], All());
        Assert.Equal(1, _index.Online);

        _index.Set(anna, PresenceState.Offline, Now.AddHours(-5), "Anna Renamed");
        _names[anna] = "Anna Renamed";
        Assert.Equal(["bea", "Anna Renamed"], All());
        Assert.Equal(0, _index.Online);
        Assert.Equal(2, _index.Count);
    }

    [Fact]
    public void Filter_MatchesPartsOfNamesIgnoringCase_AcrossPages()
    {
        Add("Joanne", PresenceState.Online);
        Add("bob");
        Add("ANNA", hoursAgo: 2);
        Add("carl", hoursAgo: 3);
        Add("hannah", hoursAgo: 4);

        Assert.Equal(["Joanne", "ANNA", "hannah"], All(limit: 2, filter: "ann"));
        Assert.Empty(All(limit: 2, filter: "zed"));
    }

    [Fact]
    public void Filter_LooksAtMostMaxScanEntries_AndAnswersAPositionToGoOnFrom()
    {
        for (var i = 0; i < 10; i++) Add($"other {i}", hoursAgo: i + 1);
        Add("needle", hoursAgo: 20);

        var (users, next) = _index.Page(null, 5, "needle", maxScan: 4);

        Assert.Empty(users);
        Assert.NotNull(next);
        Assert.Equal(["needle"], All(limit: 5, filter: "needle", maxScan: 4));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("MS4yLmFiYy5uYW1l")] // "1.2.abc.name": no user id
    [InlineData("OS4wLjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwLng")] // rank 9
    public void TryParseCursor_RefusesWhatNoPageAnswered(string cursor) => Assert.False(MemberIndex.TryParseCursor(cursor, out _));

    [Fact]
    public void Cursor_RoundTrips_NamesWithDotsAndAnyCharacters()
    {
        var entry = new MemberIndex.Entry(2, Now.UtcTicks, "a.b/c+d ü 😀", Guid.NewGuid());
        Assert.True(MemberIndex.TryParseCursor(MemberIndex.Cursor(entry), out var back));
        Assert.Equal(entry, back);
    }
}
