using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Tests.Rooms;

/// <summary>Issue 14's ghosts rule (who leaves a room for inactivity, who stays), on a fake clock.</summary>
public sealed class MemberActivityTests
{
    private static readonly TimeSpan Expiry = TimeSpan.FromDays(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RoomOptions _options = new() { InactiveMemberExpiry = Expiry, MaxInactiveRemovals = 20 };
    private readonly HashSet<Guid> _online = [];
    private readonly RoomState _room;
    private readonly Dictionary<Guid, RoomMember> _members = [];
    private readonly MemberActivity _activity;

    public MemberActivityTests()
    {
        _activity = new MemberActivity(_options, _time);
        _room = new RoomState { Name = "Lobby", IsPublic = true, Kind = RoomKinds.Room, CreatedAt = _time.GetUtcNow() };
        _activity.Start(_room);
    }

    private bool IsOnline(Guid userId) => _online.Contains(userId);

    private Guid Join(string role = RoomRoles.Member)
    {
        var id = Guid.NewGuid();
        _members[id] = RoomMember.New(new MemberIdentity("Someone", 0), _time.GetUtcNow(), role);
        if (role == RoomRoles.Owner) _room.Owner = id;
        return id;
    }

    [Fact]
    public void PlainMember_InactiveForTheExpiry_IsDue_AndNotADayBefore()
    {
        var ghost = Join();

        _time.Advance(Expiry - TimeSpan.FromDays(1));
        Assert.Empty(_activity.Due(_room, _members, IsOnline));

        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal([ghost], _activity.Due(_room, _members, IsOnline));
        Assert.True(_activity.IsDue(_room, _members, ghost, IsOnline));
    }

    [Fact]
    public void Owner_Moderators_TheOnline_AndTheRecentlyActive_Stay()
    {
        var owner = Join(RoomRoles.Owner);
        var moderator = Join(RoomRoles.Moderator);
        var online = Join();
        _online.Add(online);
        var poster = Join();
        var ghost = Join();

        _time.Advance(Expiry - TimeSpan.FromHours(1));
        _activity.Touch(poster, _members[poster]);
        _time.Advance(TimeSpan.FromDays(10));

        Assert.Equal([ghost], _activity.Due(_room, _members, IsOnline));
        Assert.False(_activity.IsDue(_room, _members, owner, IsOnline));
        Assert.False(_activity.IsDue(_room, _members, moderator, IsOnline));
        Assert.False(_activity.IsDue(_room, _members, online, IsOnline));
        Assert.False(_activity.IsDue(_room, _members, poster, IsOnline));

        // Going offline is a touch of its own (the room notes it): the online member is not due the moment they leave.
        _online.Remove(online);
        _activity.Touch(online, _members[online]);
        Assert.Equal([ghost], _activity.Due(_room, _members, IsOnline));
    }

    [Theory]
    [InlineData(RoomKinds.Room, false)]
    [InlineData(RoomKinds.Group, true)]
    [InlineData(RoomKinds.Direct, true)]
    public void PrivateRooms_Groups_AndDirectConversations_AreNeverSwept(string kind, bool isPublic)
    {
        _room.Kind = kind;
        _room.IsPublic = isPublic;
        var ghost = Join();

        _time.Advance(Expiry * 10);

        Assert.Empty(_activity.Due(_room, _members, IsOnline));
        Assert.False(_activity.IsDue(_room, _members, ghost, IsOnline));
    }

    [Fact]
    public void ZeroExpiry_TurnsTheRuleOff()
    {
        _options.InactiveMemberExpiry = TimeSpan.Zero;
        Join();

        _time.Advance(TimeSpan.FromDays(3650));

        Assert.Empty(_activity.Due(_room, _members, IsOnline));
    }

    [Fact]
    public void OneSweep_TakesAtMostTheLimit_TheLongestInactiveFirst()
    {
        _options.MaxInactiveRemovals = 3;
        var joined = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            joined.Add(Join());
            _time.Advance(TimeSpan.FromDays(1));
        }

        _time.Advance(Expiry);

        Assert.Equal(joined.Take(3), _activity.Due(_room, _members, IsOnline));
    }

    [Fact]
    public void MembersWithoutATime_CountFromWhenTheRoomStartedKeepingTimes_NotFromTheirJoin()
    {
        // A member stored before rooms kept times: joined long ago, no LastActive.
        var room = new RoomState { Name = "old", IsPublic = true };
        var old = Guid.NewGuid();
        Dictionary<Guid, RoomMember> members = new() { [old] = new RoomMember { Name = "Old Timer", JoinedAt = _time.GetUtcNow() - TimeSpan.FromDays(400) } };

        Assert.True(_activity.Start(room));
        Assert.False(_activity.Start(room));
        Assert.Empty(_activity.Due(room, members, IsOnline));

        _time.Advance(Expiry);
        Assert.Equal([old], _activity.Due(room, members, IsOnline));
    }

    [Fact]
    public void Touches_AreUnsavedUntilTheMembersRowIsWritten_AndATouchDuringTheWriteStaysUnsaved()
    {
        var id = Join();
        var other = Join();
        Assert.False(_activity.Unsaved);

        _activity.Touch(id, _members[id]);
        _activity.Touch(other, _members[other]);
        Assert.True(_activity.Unsaved);
        _activity.Saving(other);
        Assert.Equal([id], _activity.TakeUnsaved(10));
        Assert.False(_activity.Unsaved);

        _activity.Touch(id, _members[id]);
        Assert.True(_activity.Unsaved);

        var taken = _activity.TakeUnsaved(10);
        _activity.SaveFailed(taken);
        Assert.Equal([id], _activity.TakeUnsaved(10));
    }

    [Fact]
    public void TakeUnsaved_TakesAtMostTheLimit_AndLeavesTheRestForTheNextWrite()
    {
        for (var i = 0; i < 5; i++)
        {
            var id = Join();
            _activity.Touch(id, _members[id]);
        }

        Assert.Equal(3, _activity.TakeUnsaved(3).Count);
        Assert.Equal(2, _activity.TakeUnsaved(3).Count);
        Assert.False(_activity.Unsaved);
    }

    [Fact]
    public void ListsShowTheTime_ToTheHour()
    {
        var member = new RoomMember { LastActive = new DateTimeOffset(2027, 1, 1, 12, 34, 56, TimeSpan.Zero) };

        Assert.Equal(new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.Zero), MemberActivity.Shown(member));
        Assert.Null(MemberActivity.Shown(new RoomMember()));
    }

    [Theory]
    [InlineData("00:30:00", "00:10:00", 20, "InactiveMemberExpiry")]
    [InlineData("30.00:00:00", "00:00:00", 20, "MemberSweepInterval")]
    [InlineData("30.00:00:00", "00:10:00", 0, "MaxInactiveRemovals")]
    public void OutOfRangeSettings_AreRefused_ByName(string expiry, string interval, int max, string named)
    {
        var options = new RoomOptions
        {
            InactiveMemberExpiry = TimeSpan.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture),
            MemberSweepInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture),
            MaxInactiveRemovals = max,
        };

        var result = new RoomOptionsValidator().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains($"Chat:Rooms:{named}", result.FailureMessage);
        Assert.True(new RoomOptionsValidator().Validate(Options.DefaultName, new RoomOptions()).Succeeded);
        Assert.True(new RoomOptionsValidator().Validate(Options.DefaultName, new RoomOptions { InactiveMemberExpiry = TimeSpan.Zero }).Succeeded);
    }
}
