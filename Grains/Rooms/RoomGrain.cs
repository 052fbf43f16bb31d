using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// A chat room: membership (persisted grain state), the event log's sequencer (events in <see cref="IRoomEventStore"/>),
/// and the fan-out of notifications to gateways. See docs/architecture.md.
/// </summary>
public sealed partial class RoomGrain : Grain, IRoomGrain
{
    private readonly IPersistentState<RoomState> _state;
    private readonly IRoomEventStore _store;
    private readonly TimeProvider _time;
    private readonly RoomOptions _options;
    private readonly ILogger<RoomGrain> _logger;
    private readonly RoomTail _tail = new(ChatLimits.TailSize);

    public RoomGrain(
        [PersistentState("room", ChatStorage.ProviderName)] IPersistentState<RoomState> state,
        IRoomEventStore store,
        TimeProvider time,
        IOptions<RoomOptions> options,
        ILogger<RoomGrain> logger)
    {
        _state = state;
        _store = store;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    private string RoomId => this.GetPrimaryKeyString();

    private bool Exists => _state.State.Name is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ReloadTailAsync(cancellationToken);
        if (!Exists && RoomId == ChatLimits.LobbyId)
        {
            _state.State.Name = "Lobby";
            _state.State.Topic = "Everyone starts here.";
            _state.State.CreatedAt = _time.GetUtcNow();
        }
        this.RegisterGrainTimer(ExpireGatewaysAsync, new GrainTimerCreationOptions
        {
            DueTime = _options.SubscriptionExpiry / 3,
            Period = _options.SubscriptionExpiry / 3,
            Interleave = true,
        });
        // Operators (and the failover tests) follow rooms across silos by this line.
        _logger.LogInformation("Room {Room} activated at seq {Seq}", RoomId, _tail.LastSeq);
    }

    private async Task ReloadTailAsync(CancellationToken cancellationToken = default)
    {
        var newest = await _store.ReadBeforeAsync(RoomId, long.MaxValue, ChatLimits.TailSize, cancellationToken);
        _tail.Reset(newest, newest.Count > 0 ? newest[^1].Seq : 0);
    }

    public async Task<RoomSummary> Create(string name, Guid owner, string ownerName)
    {
        if (RoomIds.ValidateName(name) is { } error) throw new ChatException(error);
        if (RoomIds.ToId(name) != RoomId) throw new ChatException("The room name does not match the room id.");
        if (Exists) throw new ChatException($"A room named '{_state.State.Name}' exists already.");

        var now = _time.GetUtcNow();
        _state.State.Name = name.Trim();
        _state.State.Owner = owner;
        _state.State.CreatedAt = now;
        _state.State.Members[owner] = new RoomMember { Name = ownerName, JoinedAt = now };
        await _state.WriteStateAsync();
        var summary = Summary();
        await GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).Register(summary);
        return summary;
    }

    public async Task<JoinResult> Join(Guid userId, string userName)
    {
        EnsureExists();
        if (!_state.State.Members.ContainsKey(userId))
        {
            var member = new RoomMember { Name = userName, JoinedAt = _time.GetUtcNow() };
            _state.State.Members[userId] = member;
            await _state.WriteStateAsync();
            NotifyMemberChange(MemberChangeKinds.Joined, userId, member);
        }
        var recent = _tail.Before(_tail.LastSeq + 1, ChatLimits.RecentOnJoin) ?? [];
        return new JoinResult(Summary(), MemberList(), recent, _tail.LastSeq);
    }

    public async Task Leave(Guid userId)
    {
        EnsureExists();
        if (!_state.State.Members.Remove(userId, out var member)) throw new ChatException("You are not a member of this room.");
        await _state.WriteStateAsync();
        NotifyMemberChange(MemberChangeKinds.Left, userId, member);
    }

    public async Task MemberRenamed(Guid userId, string newName)
    {
        if (!_state.State.Members.TryGetValue(userId, out var member) || member.Name == newName) return;
        member.Name = newName;
        await _state.WriteStateAsync();
        NotifyMemberChange(MemberChangeKinds.Renamed, userId, member);
    }

    public async Task<EventPage> GetEventsAfter(Guid userId, long afterSeq, int limit)
    {
        EnsureMember(userId);
        limit = Math.Clamp(limit, 1, ChatLimits.MaxPageSize);
        afterSeq = Math.Max(0, afterSeq);
        var lastSeq = _tail.LastSeq;
        IReadOnlyList<RoomEvent> events = afterSeq >= lastSeq
            ? []
            : _tail.After(afterSeq, limit) ?? await _store.ReadAfterAsync(RoomId, afterSeq, limit);
        return new EventPage(events, lastSeq);
    }

    public async Task<EventPage> GetEventsBefore(Guid userId, long beforeSeq, int limit)
    {
        EnsureMember(userId);
        limit = Math.Clamp(limit, 1, ChatLimits.MaxPageSize);
        var lastSeq = _tail.LastSeq;
        beforeSeq = Math.Clamp(beforeSeq, 1, lastSeq + 1);
        IReadOnlyList<RoomEvent> events = _tail.Before(beforeSeq, limit) ?? await _store.ReadBeforeAsync(RoomId, beforeSeq, limit);
        return new EventPage(events, lastSeq);
    }

    public Task<IReadOnlyList<MemberInfo>> GetMembers(Guid userId)
    {
        EnsureMember(userId);
        return Task.FromResult(MemberList());
    }

    public Task<RoomSummary?> GetSummary() => Task.FromResult(Exists ? Summary() : null);

    private RoomSummary Summary() =>
        new(RoomId, _state.State.Name ?? RoomId, _state.State.Topic, _state.State.Members.Count);

    private IReadOnlyList<MemberInfo> MemberList() =>
        _state.State.Members.Select(m => new MemberInfo(m.Key, m.Value.Name, IsOnline(m.Key))).ToList();

    private void EnsureExists()
    {
        if (!Exists) throw new ChatException($"There is no room '{RoomId}'.");
    }

    private RoomMember EnsureMember(Guid userId)
    {
        EnsureExists();
        return _state.State.Members.TryGetValue(userId, out var member)
            ? member
            : throw new ChatException("You are not a member of this room.");
    }
}
