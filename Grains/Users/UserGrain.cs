using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Users;

/// <summary>
/// A user: unique name (locked through <see cref="IUserNameGrain"/>), the rooms it joined, and its live connections per
/// gateway. Room membership itself is owned by the room; the user keeps the list of its rooms to restore them on connect.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", ChatStorage.ProviderName)] IPersistentState<UserState> state,
    TimeProvider time) : Grain, IUserGrain
{
    private const int MaxNameAttempts = 40;
    private readonly Dictionary<string, int> _connections = [];

    private Guid UserId => this.GetPrimaryKey();

    private string Name => state.State.Name ?? throw new ChatException("Unknown user.");

    public async Task<UserProfile> EnsureProfile()
    {
        if (state.State.Name is null)
        {
            state.State.Name = await ClaimGeneratedNameAsync();
            state.State.CreatedAt = time.GetUtcNow();
            await state.WriteStateAsync();
            await JoinRoom(ChatLimits.LobbyId);
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

        var sameKey = UserNames.Normalize(newName) == UserNames.Normalize(oldName);
        if (!sameKey && !await NameGrain(newName).TryClaim(UserId)) throw new ChatException($"The name '{newName}' is taken.");

        state.State.Name = newName;
        await state.WriteStateAsync();
        if (!sameKey) await NameGrain(oldName).Release(UserId);
        await Task.WhenAll(state.State.Rooms.Select(r => GrainFactory.GetGrain<IRoomGrain>(r).MemberRenamed(UserId, newName)));
        return Profile();
    }

    public async Task<JoinResult> CreateRoom(string name)
    {
        if (RoomIds.ValidateName(name) is { } error) throw new ChatException(error);
        var room = GrainFactory.GetGrain<IRoomGrain>(RoomIds.ToId(name));
        await room.Create(name, UserId, Name);
        return await JoinRoom(room.GetPrimaryKeyString());
    }

    public async Task<JoinResult> JoinRoom(string roomId)
    {
        if (!RoomIds.IsValidId(roomId)) throw new ChatException("That is not a valid room id.");
        var result = await GrainFactory.GetGrain<IRoomGrain>(roomId).Join(UserId, Name);
        if (!state.State.Rooms.Contains(roomId))
        {
            state.State.Rooms.Add(roomId);
            await state.WriteStateAsync();
        }
        return result;
    }

    public async Task LeaveRoom(string roomId)
    {
        if (!RoomIds.IsValidId(roomId)) throw new ChatException("That is not a valid room id.");
        _ = Name;
        await GrainFactory.GetGrain<IRoomGrain>(roomId).Leave(UserId);
        if (state.State.Rooms.Remove(roomId)) await state.WriteStateAsync();
    }

    public Task SetConnections(string gatewayId, int count)
    {
        if (count > 0) _connections[gatewayId] = count;
        else _connections.Remove(gatewayId);
        return Task.CompletedTask;
    }

    public Task<bool> IsOnline() => Task.FromResult(_connections.Count > 0);

    private UserProfile Profile() => new(UserId, Name, state.State.Rooms.ToList());

    private IUserNameGrain NameGrain(string name) => GrainFactory.GetGrain<IUserNameGrain>(UserNames.Normalize(name));

    private async Task<string> ClaimGeneratedNameAsync()
    {
        for (var attempt = 0; attempt < MaxNameAttempts; attempt++)
        {
            var name = NameGenerator.Next(Random.Shared, attempt);
            if (await NameGrain(name).TryClaim(UserId)) return name;
        }
        throw new ChatException("No free name could be found. Please try again.");
    }
}
