using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Users;

/// <summary>
/// A user: unique name (locked through <see cref="IUserNameGrain"/>, searchable through <see cref="IUserIndexGrain"/>),
/// optional password, the rooms it belongs to with read markers, and its live connections per gateway. Membership itself
/// is owned by the rooms; the user's room list is what it needs to restore its rooms on connect.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", ChatStorage.ProviderName)] IPersistentState<UserState> state,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private const int MaxNameAttempts = 40;
    private readonly Dictionary<string, (IRoomObserver Gateway, int Count)> _connections = [];
    private readonly LoginThrottle _throttle = new();

    private Guid UserId => this.GetPrimaryKey();

    private string Name => state.State.Name ?? throw new ChatException("Unknown user.");

    private NameLocks Locks => new(UserId, key => GrainFactory.GetGrain<IUserNameGrain>(key));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Name is not { } name) return;
        var held = NameLocks.Held(name, state.State.NameKeys);
        if (NameLocks.AreCurrent(name, held)) return;
        // A name stored under older keys (the legacy lower-case key, or an older confusables table) moves onto today's
        // keys. If a look-alike took one of them meanwhile, both users keep their names and the old keys stay held.
        try
        {
            if (await Locks.TryClaim(name, held) is not { } keys)
            {
                logger.LogInformation("User {User} keeps the old name keys of {Name}: a look-alike name holds a new one", UserId, name);
                return;
            }
            state.State.NameKeys = [.. keys];
            await state.WriteStateAsync(cancellationToken);
            await Locks.ReleaseOthers(held, keys);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Moving the name keys of user {User} failed; retried at its next activation", UserId);
        }
    }

    public async Task<UserProfile> EnsureProfile()
    {
        if (state.State.Name is null)
        {
            (state.State.Name, var keys) = await ClaimGeneratedNameAsync();
            state.State.NameKeys = [.. keys];
            state.State.CreatedAt = time.GetUtcNow();
            await state.WriteStateAsync();
            await IndexGrain(state.State.Name).Set(state.State.Name, UserId);
        }
        return Profile();
    }

    public Task<UserProfile?> GetProfile() => Task.FromResult(state.State.Name is null ? null : Profile());

    public async Task<UserProfile> Rename(string newName)
    {
        var oldName = Name;
        if (UserNames.Validate(newName) is { } error) throw new ChatException(error);
        newName = UserNames.Clean(newName);
        if (newName == oldName) return Profile();

        var held = NameLocks.Held(oldName, state.State.NameKeys);
        var keys = await Locks.TryClaim(newName, held)
            ?? throw new ChatException($"The name '{newName}' is taken or looks like a name that is taken.");

        state.State.Name = newName;
        state.State.NameKeys = [.. keys];
        await state.WriteStateAsync();
        await Locks.ReleaseOthers(held, keys);
        await IndexGrain(oldName).Remove(oldName, UserId);
        await IndexGrain(newName).Set(newName, UserId);
        await Task.WhenAll(state.State.Rooms.Select(r => GrainFactory.GetGrain<IRoomGrain>(r).MemberRenamed(UserId, newName)));
        return Profile();
    }

    public async Task SetPassword(string password)
    {
        _ = Name;
        if (password is null || password.Length < ChatLimits.MinPasswordLength || password.Length > ChatLimits.MaxPasswordLength)
            throw new ChatException($"A password has {ChatLimits.MinPasswordLength} to {ChatLimits.MaxPasswordLength} characters.");
        state.State.PasswordHash = PasswordHash.Create(password);
        await state.WriteStateAsync();
    }

    public Task<LoginResult> VerifyPassword(string password)
    {
        var now = time.GetUtcNow();
        var wait = _throttle.RetryAfter(now);
        if (wait > TimeSpan.Zero) return Task.FromResult(new LoginResult(false, wait));
        if (state.State.PasswordHash is { } hash && password is not null && PasswordHash.Verify(password, hash))
        {
            _throttle.Succeeded();
            return Task.FromResult(new LoginResult(true, TimeSpan.Zero));
        }
        _throttle.Failed(now);
        return Task.FromResult(new LoginResult(false, _throttle.RetryAfter(now)));
    }

    public async Task<JoinResult> CreateRoom(string name, bool isPrivate)
    {
        if (RoomIds.ValidateName(name) is { } error) throw new ChatException(error);
        var room = GrainFactory.GetGrain<IRoomGrain>(isPrivate ? RoomIds.NewPrivate() : RoomIds.ToId(name));
        await room.Create(name, UserId, Name, isPrivate);
        return await JoinRoom(room.GetPrimaryKeyString());
    }

    public async Task<JoinResult> JoinRoom(string roomId)
    {
        if (!RoomIds.IsValidId(roomId)) throw new ChatException("That is not a valid room id.");
        var result = await GrainFactory.GetGrain<IRoomGrain>(roomId).Join(UserId, Name);
        await RememberRoomAsync(roomId);
        return result;
    }

    public async Task LeaveRoom(string roomId)
    {
        if (!RoomIds.IsValidId(roomId)) throw new ChatException("That is not a valid room id.");
        _ = Name;
        await GrainFactory.GetGrain<IRoomGrain>(roomId).Leave(UserId);
        await ForgetRoomAsync(roomId);
    }

    public async Task<JoinResult> OpenDirect(Guid peerId)
    {
        var peer = await GrainFactory.GetGrain<IUserGrain>(peerId).GetProfile() ?? throw new ChatException("There is no such user.");
        var roomId = RoomIds.Direct(UserId, peerId);
        var result = await GrainFactory.GetGrain<IRoomGrain>(roomId).OpenDirect(UserId, Name, peerId, peer.Name);
        await RememberRoomAsync(roomId);
        return result;
    }

    public async Task<IReadOnlyList<RoomListing>> GetRooms()
    {
        _ = Name;
        var listings = await Task.WhenAll(state.State.Rooms.Select(async roomId =>
        {
            try
            {
                return await GrainFactory.GetGrain<IRoomGrain>(roomId).GetListing(UserId);
            }
            catch (ChatException)
            {
                return null; // No longer a member (kicked while the notification was lost): dropped below.
            }
        }));
        var result = new List<RoomListing>();
        for (var i = 0; i < listings.Length; i++)
        {
            if (listings[i] is not { } listing) continue;
            result.Add(listing with { ReadSeq = Math.Min(state.State.ReadMarkers.GetValueOrDefault(listing.Room.Id), listing.LastSeq) });
        }
        var gone = state.State.Rooms.Where((_, i) => listings[i] is null).ToList();
        foreach (var roomId in gone) await ForgetRoomAsync(roomId);
        return result;
    }

    public async Task MarkRead(string roomId, long seq)
    {
        if (!state.State.Rooms.Contains(roomId)) throw new ChatException("You are not a member of this room.");
        if (seq <= state.State.ReadMarkers.GetValueOrDefault(roomId)) return;
        state.State.ReadMarkers[roomId] = seq;
        await state.WriteStateAsync();
    }

    public async Task RoomAdded(string roomId)
    {
        if (state.State.Name is null) return;
        await RememberRoomAsync(roomId);
    }

    public Task RoomRemoved(string roomId) => ForgetRoomAsync(roomId);

    public Task SetConnections(string gatewayId, IRoomObserver gateway, int count)
    {
        if (count > 0) _connections[gatewayId] = (gateway, count);
        else _connections.Remove(gatewayId);
        return Task.CompletedTask;
    }

    public Task<bool> IsOnline() => Task.FromResult(_connections.Count > 0);

    /// <summary>Adds a room to the user's list and tells every gateway with a connection of the user, so all tabs get it.</summary>
    private async Task RememberRoomAsync(string roomId)
    {
        if (state.State.Rooms.Contains(roomId)) return;
        state.State.Rooms.Add(roomId);
        await state.WriteStateAsync();
        foreach (var (gateway, _) in _connections.Values) gateway.OnRoomAdded(UserId, roomId).Ignore();
    }

    private async Task ForgetRoomAsync(string roomId)
    {
        var removed = state.State.Rooms.Remove(roomId);
        removed |= state.State.ReadMarkers.Remove(roomId);
        if (removed) await state.WriteStateAsync();
    }

    private UserProfile Profile() => new(UserId, Name, state.State.Rooms.ToList(), state.State.PasswordHash is not null);

    private IUserIndexGrain IndexGrain(string name) => GrainFactory.GetGrain<IUserIndexGrain>(UserNames.IndexShard(name));

    private async Task<(string Name, IReadOnlyList<string> Keys)> ClaimGeneratedNameAsync()
    {
        for (var attempt = 0; attempt < MaxNameAttempts; attempt++)
        {
            var name = NameGenerator.Next(Random.Shared, attempt);
            if (await Locks.TryClaim(name, []) is { } keys) return (name, keys);
        }
        throw new ChatException("No free name could be found. Please try again.");
    }
}
