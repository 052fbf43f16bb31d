using OrleansChat.Grains.Presence;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Presence;

/// <summary>The room's half of presence as a plain class: who is addressed, and that only members ever are.</summary>
public sealed class RoomPresenceTests
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(90);
    private readonly DateTimeOffset _start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly HashSet<Guid> _members = [];
    private readonly RecordingObserver _gatewayA = new();
    private readonly RecordingObserver _gatewayB = new();
    private readonly RoomPresence _presence;

    public RoomPresenceTests() => _presence = new RoomPresence(Expiry, _members.Contains);

    private Guid Member()
    {
        var id = Guid.NewGuid();
        _members.Add(id);
        return id;
    }

    private long _version;

    /// <summary>The gateways' next version: each call is a later change (one counter is enough for these tests).</summary>
    private long V() => ++_version;

    private List<Guid> Addressed() => _presence.Audience.SelectMany(g => g.Recipients).ToList();

    [Fact]
    public void Subscribe_KeepsOnlyMembers_AndReportsWhoCameOnline()
    {
        var member = Member();
        var outsider = Guid.NewGuid();

        var changes = _presence.Subscribe("a", _gatewayA, [member, outsider], V(), _start);

        Assert.Equal([(member, PresenceState.Online)], changes);
        Assert.Equal([member], Addressed());
        Assert.False(_presence.IsOnline(outsider));
    }

    [Fact]
    public void SetOnline_OfANonMember_IsNotRecorded_AndSaysSo()
    {
        var outsider = Guid.NewGuid();

        var (isMember, changed) = _presence.SetOnline("a", _gatewayA, outsider, online: true, V(), _start);

        Assert.False(isMember);
        Assert.False(changed);
        Assert.Empty(Addressed());
    }

    [Fact]
    public void RemoveMember_StopsAddressingTheUser_OnEveryGateway_EvenIfAGatewayReportsThemAgain()
    {
        var stays = Member();
        var removed = Member();
        _presence.Subscribe("a", _gatewayA, [stays, removed], V(), _start);
        _presence.SetOnline("b", _gatewayB, removed, online: true, V(), _start);

        _members.Remove(removed);
        _presence.RemoveMember(removed);
        // A gateway whose belief is stale renews with the removed user, or reports a tab of theirs that just opened.
        _presence.Subscribe("a", _gatewayA, [stays, removed], V(), _start);
        var (isMember, _) = _presence.SetOnline("b", _gatewayB, removed, online: true, V(), _start);

        Assert.False(isMember);
        Assert.Equal([stays], Addressed());
        Assert.False(_presence.IsOnline(removed));
    }

    [Fact]
    public void AUser_OnTwoGateways_GoesOfflineOnlyWhenTheLastReportsOffline()
    {
        var user = Member();
        Assert.True(_presence.SetOnline("a", _gatewayA, user, online: true, V(), _start).Changed);
        Assert.False(_presence.SetOnline("b", _gatewayB, user, online: true, V(), _start).Changed);

        Assert.False(_presence.SetOnline("a", _gatewayA, user, online: false, V(), _start).Changed);
        Assert.True(_presence.IsOnline(user));
        Assert.True(_presence.SetOnline("b", _gatewayB, user, online: false, V(), _start).Changed);
        Assert.False(_presence.IsOnline(user));
    }

    [Fact]
    public void AGatewayThatStopsRenewing_IsForgottenAfterTheExpiry_AndItsUsersGoOffline()
    {
        var onLive = Member();
        var onDead = Member();
        _presence.Subscribe("live", _gatewayA, [onLive], V(), _start);
        _presence.Subscribe("dead", _gatewayB, [onDead], V(), _start);

        _presence.Subscribe("live", _gatewayA, [onLive], V(), _start + Expiry);
        Assert.Empty(_presence.Expire(_start + Expiry).Gateways);
        var (expired, changes) = _presence.Expire(_start + Expiry + TimeSpan.FromSeconds(1));

        Assert.Equal(["dead"], expired);
        Assert.Equal([(onDead, PresenceState.Offline)], changes);
        Assert.Equal([onLive], Addressed());
    }

    [Fact]
    public void Recipients_FollowTheSet_AndAGatewayWithNobodyIsNotAddressed()
    {
        var first = Member();
        var second = Member();
        _presence.Subscribe("a", _gatewayA, [first], V(), _start);
        _presence.Subscribe("b", _gatewayB, [], V(), _start);
        Assert.Single(_presence.Audience);

        _presence.SetOnline("a", _gatewayA, second, online: true, V(), _start);
        Assert.Equal(new HashSet<Guid> { first, second }, [.. Addressed()]);

        var changes = _presence.Unsubscribe("a");
        Assert.Equal(2, changes.Count);
        Assert.Empty(_presence.Audience);
    }

    [Fact]
    public void AUser_IsAway_OnlyWhenEveryGatewayWithTheirConnectionsSaysAway()
    {
        var user = Member();
        _presence.SetOnline("a", _gatewayA, user, online: true, V(), _start);
        _presence.SetOnline("b", _gatewayB, user, online: true, V(), _start);

        Assert.False(_presence.SetOnline("a", _gatewayA, user, online: true, V(), _start, away: true).Changed);
        Assert.Equal(PresenceState.Online, _presence.StateOf(user));

        Assert.True(_presence.SetOnline("b", _gatewayB, user, online: true, V(), _start, away: true).Changed);
        Assert.Equal(PresenceState.Away, _presence.StateOf(user));
        Assert.True(_presence.IsOnline(user));
        // Away members are still addressed: their tabs keep receiving the room.
        Assert.Equal([user, user], Addressed());

        Assert.True(_presence.SetOnline("a", _gatewayA, user, online: true, V(), _start, away: false).Changed);
        Assert.Equal(PresenceState.Online, _presence.StateOf(user));
    }

    [Fact]
    public void WhenTheGatewayWithTheActiveConnectionGoes_TheUserTurnsAway_AndThenOffline()
    {
        var user = Member();
        _presence.Subscribe("active", _gatewayA, [user], V(), _start);
        _presence.Subscribe("idle", _gatewayB, [user], V(), _start, away: [user]);
        Assert.Equal(PresenceState.Online, _presence.StateOf(user));

        Assert.Equal([(user, PresenceState.Away)], _presence.Unsubscribe("active"));

        _presence.Subscribe("idle", _gatewayB, [user], V(), _start + Expiry, away: [user]);
        Assert.Empty(_presence.Expire(_start + Expiry).Changes);
        Assert.Equal([(user, PresenceState.Offline)], _presence.Expire(_start + Expiry * 2 + TimeSpan.FromSeconds(1)).Changes);
    }

    [Fact]
    public void ARenewal_SetsTheAwayUsersOfItsGateway_AndIgnoresAwayUsersItDoesNotHave()
    {
        var user = Member();
        var elsewhere = Member();
        _presence.Subscribe("a", _gatewayA, [user], V(), _start);

        var changes = _presence.Subscribe("a", _gatewayA, [user], V(), _start, away: [user, elsewhere]);

        Assert.Equal([(user, PresenceState.Away)], changes);
        Assert.Equal(PresenceState.Offline, _presence.StateOf(elsewhere));
        Assert.Equal([(user, PresenceState.Online)], _presence.Subscribe("a", _gatewayA, [user], V(), _start));
    }

    [Fact]
    public void GoingOffline_ForgetsTheAwayMark_SoTheNextConnectionIsOnline()
    {
        var user = Member();
        _presence.SetOnline("a", _gatewayA, user, online: true, V(), _start, away: true);
        Assert.Equal(PresenceState.Away, _presence.StateOf(user));

        _presence.SetOnline("a", _gatewayA, user, online: false, V(), _start);
        Assert.Equal(PresenceState.Offline, _presence.StateOf(user));
        _presence.SetOnline("a", _gatewayA, user, online: true, V(), _start);

        Assert.Equal(PresenceState.Online, _presence.StateOf(user));
    }

    [Fact]
    public void ARenewalTakenBeforeAReport_ButArrivingAfterIt_DoesNotUndoTheReport()
    {
        var there = Member();
        var joined = Member();
        var renewal = V();
        var report = V();

        _presence.SetOnline("a", _gatewayA, joined, online: true, report, _start);
        _presence.Subscribe("a", _gatewayA, [there], renewal, _start);

        Assert.Equal(new HashSet<Guid> { there, joined }, [.. Addressed()]);
        // A later renewal that includes the user (or no longer does) is the newest word again.
        _presence.Subscribe("a", _gatewayA, [there], V(), _start);
        Assert.Equal([there], Addressed());
    }

    [Fact]
    public void AReportOlderThanTheRenewal_IsIgnored_InBothDirections()
    {
        var user = Member();
        var cameOnline = V();
        var wentOffline = V();
        var renewal = V();
        _presence.Subscribe("a", _gatewayA, [], renewal, _start);

        _presence.SetOnline("a", _gatewayA, user, online: true, cameOnline, _start);
        Assert.False(_presence.IsOnline(user));

        _presence.Subscribe("a", _gatewayA, [user], V(), _start);
        _presence.SetOnline("a", _gatewayA, user, online: false, wentOffline, _start);
        Assert.True(_presence.IsOnline(user));
    }

    [Fact]
    public void AnOfflineReportNewerThanTheRenewal_Wins_AndAnOlderRenewalIsIgnored()
    {
        var user = Member();
        var older = V();
        var renewal = V();
        var offline = V();

        _presence.SetOnline("a", _gatewayA, user, online: false, offline, _start);
        _presence.Subscribe("a", _gatewayA, [user], renewal, _start);
        Assert.False(_presence.IsOnline(user));

        _presence.Subscribe("a", _gatewayA, [user], older, _start);
        Assert.False(_presence.IsOnline(user));
    }

    [Fact]
    public void AnAwayReportNewerThanTheRenewal_StaysInForce_AndAReportOlderThanTheRenewal_IsIgnored()
    {
        var user = Member();
        var renewal = V();
        var wentAway = V();

        _presence.SetOnline("a", _gatewayA, user, online: true, wentAway, _start, away: true);
        _presence.Subscribe("a", _gatewayA, [user], renewal, _start);
        Assert.Equal(PresenceState.Away, _presence.StateOf(user));

        var cameBack = V();
        _presence.Subscribe("a", _gatewayA, [user], V(), _start, away: [user]);
        _presence.SetOnline("a", _gatewayA, user, online: true, cameBack, _start, away: false);
        Assert.Equal(PresenceState.Away, _presence.StateOf(user));
    }
}
