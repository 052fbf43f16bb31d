using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Files;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Search;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Users;

/// <summary>
/// A user: unique name (locked through <see cref="IUserNameGrain"/>, searchable through <see cref="IUserIndexGrain"/>),
/// optional password, the rooms it belongs to with read markers; it admits the user's connections, which the gateways'
/// leases keep (it keeps none, and leaves memory when idle). Membership itself is owned by the rooms; the user's room
/// list is what it needs to restore its rooms on connect.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user", ChatStorage.ProviderName)] IPersistentState<UserState> state,
    [PersistentState("avatar", ChatStorage.ProviderName)] IPersistentState<AvatarState> avatar,
    TimeProvider time,
    ILogger<UserGrain> logger,
    IOptions<LoginOptions> loginOptions,
    IOptions<BlockOptions> blockOptions,
    IOptions<UserLimitOptions> limits,
    IOptions<FileLimitOptions> fileLimits,
    IOptions<AvatarOptions> avatarOptions,
    IFileStore files,
    IOptions<SearchOptions> searchOptions,
    IRoomEventStore events) : Grain, IUserGrain
{
    private const int MaxNameAttempts = 40;
    private const int MaxClientAddressLength = 64;
    private readonly UserBudgets _budgets = new(limits.Value, fileLimits.Value, avatarOptions.Value, time);

    private Guid UserId => this.GetPrimaryKey();

    private string Name => state.State.Name ?? throw new ChatException("Unknown user.");

    private NameLocks Locks => new(UserId, key => GrainFactory.GetGrain<IUserNameGrain>(key));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        StartIdleTimer();
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
        await AnnounceProfileAsync();
        return Profile();
    }

    public async Task SetPassword(string? currentPassword, string newPassword, string clientAddress, Guid keepSessionId)
    {
        _ = Name;
        if (newPassword is null || newPassword.Length < ChatLimits.MinPasswordLength || newPassword.Length > ChatLimits.MaxPasswordLength)
            throw new ChatException($"A password has {ChatLimits.MinPasswordLength} to {ChatLimits.MaxPasswordLength} characters.");
        if (state.State.PasswordHash is not null)
        {
            // Whoever holds a session must still know the password to change it: a stolen token must not take the
            // account over. The same throttle as logins, so this is no side door for guessing.
            var check = await CheckPasswordAsync(currentPassword, clientAddress);
            if (check.RetryAfter > TimeSpan.Zero && !check.Ok)
                throw new ChatException($"Too many attempts. Please wait {Math.Ceiling(check.RetryAfter.TotalSeconds)} s before trying again.");
            if (!check.Ok) throw new ChatException("The current password is wrong.");
        }
        // Whoever may have learnt the old password is signed out everywhere but here.
        var ended = state.State.PasswordHash is null ? [] : RemoveSessions(state.State.Sessions.Keys.Where(s => s != keepSessionId).ToList());
        state.State.PasswordHash = PasswordHash.Create(newPassword);
        await state.WriteStateAsync();
        await NotifyRevokedAsync(ended);
    }

    public async Task<UserProfile> StartSession(Guid sessionId, DateTimeOffset expiresAt)
    {
        var profile = await EnsureProfile();
        var sessions = state.State.Sessions;
        var ended = ExpiredSessions();
        foreach (var id in ended) sessions.Remove(id);
        sessions[sessionId] = expiresAt;
        var over = sessions.Count - loginOptions.Value.MaxSessionsPerUser;
        var evicted = over <= 0 ? [] : RemoveSessions(sessions.Where(p => p.Key != sessionId).OrderBy(p => p.Value).Take(over).Select(p => p.Key).ToList());
        await state.WriteStateAsync();
        await NotifyRevokedAsync(evicted);
        return profile;
    }

    public Task<UserProfile?> ResumeSession(Guid sessionId) =>
        Task.FromResult(state.State.Name is not null && IsActive(sessionId) ? Profile() : null);

    public Task<bool> IsSessionActive(Guid sessionId) => Task.FromResult(IsActive(sessionId));

    public async Task EndSessions(Guid sessionId, bool everywhere)
    {
        var ended = RemoveSessions(everywhere ? state.State.Sessions.Keys.ToList() : [sessionId]);
        if (ended.Length == 0) return;
        await state.WriteStateAsync();
        await NotifyRevokedAsync(ended);
    }

    private bool IsActive(Guid sessionId) =>
        state.State.Sessions.TryGetValue(sessionId, out var expiresAt) && expiresAt > time.GetUtcNow();

    private List<Guid> ExpiredSessions()
    {
        var now = time.GetUtcNow();
        return state.State.Sessions.Where(p => p.Value <= now).Select(p => p.Key).ToList();
    }

    /// <summary>Forgets the sessions: their tokens are refused from now on, by every gateway.</summary>
    private Guid[] RemoveSessions(IReadOnlyCollection<Guid> sessionIds) =>
        sessionIds.Where(id => state.State.Sessions.Remove(id)).ToArray();

    /// <summary>
    /// Tells each gateway with a connection of the user, through its lease, to close those opened with an ended session.
    /// Called after the state is written, so a gateway that checks a session after the notice never finds it active.
    /// </summary>
    private async Task NotifyRevokedAsync(Guid[] sessionIds)
    {
        if (sessionIds.Length == 0) return;
        foreach (var gateway in await GatewaysAsync()) Lease(gateway).SessionsRevoked(UserId, sessionIds).Ignore();
    }

    public Task<LoginResult> VerifyPassword(string password, string clientAddress) => CheckPasswordAsync(password, clientAddress);

    private async Task<LoginResult> CheckPasswordAsync(string? password, string clientAddress)
    {
        if (string.IsNullOrEmpty(clientAddress) || clientAddress.Length > MaxClientAddressLength) throw new ChatException("Unknown client address.");
        var throttle = new LoginThrottle(state.State.Login, loginOptions.Value, time);
        var wait = throttle.RetryAfter(clientAddress);
        if (wait > TimeSpan.Zero) return new LoginResult(false, wait);

        // Verify even when there is no hash (a guest): a refusal takes as long either way.
        var check = PasswordHash.Verify(password ?? "", state.State.PasswordHash);
        if (check == PasswordVerificationResult.Failed)
        {
            throttle.Failed(clientAddress);
            await state.WriteStateAsync();
            return new LoginResult(false, throttle.RetryAfter(clientAddress));
        }
        throttle.Succeeded(clientAddress);
        if (check == PasswordVerificationResult.SuccessRehashNeeded) state.State.PasswordHash = PasswordHash.Create(password!);
        await state.WriteStateAsync();
        return new LoginResult(true, TimeSpan.Zero);
    }

    public async Task<JoinResult> CreateRoom(string name, bool isPrivate)
    {
        if (RoomIds.ValidateName(name) is { } error) throw new ChatException(error);
        _ = Name;
        // Taken before the room is asked, so that failed attempts (a name that exists) cost as much as successes.
        if (!_budgets.TryCreateRoom()) throw new ChatException("You are creating rooms too fast. Please wait a while before creating another.");
        var room = GrainFactory.GetGrain<IRoomGrain>(isPrivate ? RoomIds.NewPrivate() : RoomIds.ToId(name));
        await room.Create(name, UserId, Identity, isPrivate);
        return await JoinRoom(room.GetPrimaryKeyString());
    }

    public async Task<JoinResult> JoinRoom(string roomId)
    {
        if (!RoomIds.IsValidId(roomId)) throw new ChatException("That is not a valid room id.");
        var result = await GrainFactory.GetGrain<IRoomGrain>(roomId).Join(UserId, Identity);
        await RememberRoomAsync(roomId);
        await ShowAgainAsync(roomId);
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
        _ = Name;
        var roomId = RoomIds.Direct(UserId, peerId);
        // Opening a conversation the user has is free; a new one puts a room in someone else's list.
        if (!state.State.Rooms.Contains(roomId) && !_budgets.TryOpenDirect())
            throw new ChatException("You are starting conversations too fast. Please slow down.");
        var peer = await GrainFactory.GetGrain<IUserGrain>(peerId).GetProfile() ?? throw new ChatException("There is no such user.");
        var result = await GrainFactory.GetGrain<IRoomGrain>(roomId).OpenDirect(UserId, Identity, peerId, MemberIdentity.Of(peer));
        await RememberRoomAsync(roomId);
        await ShowAgainAsync(roomId);
        return result;
    }

    public async Task<JoinResult> CreateGroup(Guid[] userIds)
    {
        _ = Name;
        var others = userIds.Where(id => id != UserId).Distinct().ToList();
        if (others.Count > ChatLimits.MaxGroupInvitees) throw new ChatException("That is too many people for one conversation.");
        if (!_budgets.TryOpenDirect()) throw new ChatException("You are starting conversations too fast. Please slow down.");
        var profiles = await Task.WhenAll(others.Select(id => GrainFactory.GetGrain<IUserGrain>(id).GetProfile()));
        if (profiles.Any(profile => profile is null)) throw new ChatException("There is no such user.");
        var roomId = RoomIds.NewGroup();
        var result = await GrainFactory.GetGrain<IRoomGrain>(roomId).CreateGroup(UserId, Identity, profiles.ToDictionary(p => p!.UserId, p => MemberIdentity.Of(p!)));
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
                return await GrainFactory.GetGrain<IRoomGrain>(roomId).GetListingFor(UserId, state.State.ReadMarkers.GetValueOrDefault(roomId));
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
            result.Add(listing with
            {
                // The read marker above the numbers a restore skipped (the room counted Unread without them).
                ReadSeq = ReadSeqOf(listing, state.State.ReadMarkers.GetValueOrDefault(listing.Room.Id)),
                Notify = NotifyLevel(listing.Room.Id),
            });
        }
        var gone = state.State.Rooms.Where((_, i) => listings[i] is null).ToList();
        foreach (var roomId in gone) await ForgetRoomAsync(roomId);
        return await WithoutHiddenAsync(result);
    }

    /// <summary>
    /// The read <paramref name="marker"/> moved up by the numbers a restore skipped after it (RoomListing.SeqFloor), so
    /// that the room's last seq minus the result counts the events after the marker.
    /// </summary>
    private static long ReadSeqOf(RoomListing listing, long marker)
    {
        marker = Math.Min(marker, listing.LastSeq);
        if (listing.SeqFloor == 0 || marker >= listing.SeqFloor || listing.LastSeq < listing.SeqFloor) return marker;
        return marker > listing.RestoredSeq ? listing.SeqFloor : marker + (listing.SeqFloor - listing.RestoredSeq);
    }

    public async Task MarkRead(string roomId, long seq)
    {
        if (!state.State.Rooms.Contains(roomId)) throw new ChatException("You are not a member of this room.");
        if (seq <= state.State.ReadMarkers.GetValueOrDefault(roomId)) return;
        state.State.ReadMarkers[roomId] = seq;
        await state.WriteStateAsync();
        // The room shows it as a read receipt (one-way: a room never waits for a user, nor a user for a room here).
        if (!state.State.ReceiptsOff) GrainFactory.GetGrain<IRoomGrain>(roomId).ReadUpTo(UserId, seq).Ignore();
    }

    public async Task SetReceipts(bool on)
    {
        if (state.State.ReceiptsOff != on) return;
        state.State.ReceiptsOff = !on;
        await state.WriteStateAsync();
        foreach (var roomId in state.State.Rooms)
        {
            GrainFactory.GetGrain<IRoomGrain>(roomId).ReadUpTo(UserId, on ? state.State.ReadMarkers.GetValueOrDefault(roomId) : -1).Ignore();
        }
    }

    public Task<long> GetReadMarker(string roomId) =>
        Task.FromResult(state.State.ReceiptsOff ? -1 : state.State.ReadMarkers.GetValueOrDefault(roomId));

    public async Task RoomAdded(string roomId)
    {
        if (state.State.Name is null) return;
        await RememberRoomAsync(roomId);
    }

    public Task RoomRemoved(string roomId) => ForgetRoomAsync(roomId);

    public Task<bool> TryTakeInvitation() => Task.FromResult(state.State.Name is not null && _budgets.TryInvite());

    public async Task TakeUpload(long bytes)
    {
        var limits = fileLimits.Value;
        if (bytes > limits.MaxBytes) throw new ChatException($"The file is too large: at most {FileSizes.Format(limits.MaxBytes)}.");
        if (!_budgets.TryUpload()) throw new ChatException("You are uploading files too fast. Please wait a minute.");
        // The quota counts what is stored: uploads taken at the same moment may pass it by at most the upload burst.
        var used = await files.UsedBytesAsync(UserId);
        if (used + bytes > limits.QuotaBytes)
        {
            throw new ChatException(
                $"Your files would use more than your storage quota of {FileSizes.Format(limits.QuotaBytes)} ({FileSizes.Format(used)} used). Delete messages with files to make room.");
        }
    }

    public Task<int> LeaseSendCredits(int wanted) => Task.FromResult(_budgets.LeaseSends(wanted));

    public Task ReturnSendCredits(int credits)
    {
        _budgets.ReturnSends(credits);
        return Task.CompletedTask;
    }

    /// <summary>Adds a room to the user's list and tells every gateway with a connection of the user, so all tabs get it.</summary>
    private async Task RememberRoomAsync(string roomId)
    {
        if (state.State.Rooms.Contains(roomId)) return;
        state.State.Rooms.Add(roomId);
        await state.WriteStateAsync();
        foreach (var gateway in await GatewaysAsync()) Lease(gateway).RoomAdded(UserId, roomId).Ignore();
    }

    private async Task ForgetRoomAsync(string roomId)
    {
        var removed = state.State.Rooms.Remove(roomId);
        removed |= state.State.ReadMarkers.Remove(roomId);
        removed |= state.State.NotifyLevels.Remove(roomId);
        if (removed) await state.WriteStateAsync();
    }

    private UserProfile Profile() =>
        new(UserId, Name, state.State.Rooms.ToList(), state.State.PasswordHash is not null, [.. state.State.Blocked], state.State.ReceiptsOff, AvatarVersion, state.State.Status);

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

    public async Task Block(Guid userId)
    {
        _ = Name;
        if (userId == UserId) throw new ChatException("You cannot block yourself.");
        if (!state.State.Blocked.Contains(userId))
        {
            var max = blockOptions.Value.MaxBlockedUsers;
            if (state.State.Blocked.Count >= max) throw new ChatException($"You can block at most {max} people. Unblock someone first.");
            if (await GrainFactory.GetGrain<IUserGrain>(userId).GetProfile() is null) throw new ChatException("There is no such user.");
            state.State.Blocked.Add(userId);
            await state.WriteStateAsync();
        }
        // Told again on a repeat, so that retrying a Block whose call to the conversation failed completes it. Written
        // first: a conversation created meanwhile asks this grain (Blocks) and finds the block.
        await GrainFactory.GetGrain<IRoomGrain>(RoomIds.Direct(UserId, userId)).SetBlocked(UserId, userId, true);
    }

    public async Task Unblock(Guid userId)
    {
        _ = Name;
        if (userId == UserId) return;
        if (state.State.Blocked.Remove(userId)) await state.WriteStateAsync();
        await GrainFactory.GetGrain<IRoomGrain>(RoomIds.Direct(UserId, userId)).SetBlocked(UserId, userId, false);
    }

    public async Task<IReadOnlyList<UserMatch>> GetBlocked()
    {
        _ = Name;
        var profiles = await Task.WhenAll(state.State.Blocked.Select(id => GrainFactory.GetGrain<IUserGrain>(id).GetProfile()));
        return profiles.OfType<UserProfile>()
            .Select(p => new UserMatch(p.UserId, p.Name))
            .OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public Task<bool> Blocks(Guid userId) => Task.FromResult(state.State.Blocked.Contains(userId));

    public async Task HideConversation(string roomId)
    {
        _ = Name;
        if (!RoomIds.IsValidId(roomId) || !RoomIds.IsDirect(roomId)) throw new ChatException("Only a direct conversation can be hidden; a room can be left.");
        // GetListing checks membership: a conversation of others is refused like a room that does not exist.
        var listing = await GrainFactory.GetGrain<IRoomGrain>(roomId).GetListing(UserId);
        state.State.HiddenDirects[roomId] = listing.LastSeq;
        await state.WriteStateAsync();
    }

    /// <summary>
    /// The listings without the hidden conversations; one with an event newer than when it was hidden is shown again
    /// (and no longer hidden).
    /// </summary>
    private async Task<IReadOnlyList<RoomListing>> WithoutHiddenAsync(List<RoomListing> listings)
    {
        var hidden = state.State.HiddenDirects;
        if (hidden.Count == 0) return listings;
        var shown = new List<RoomListing>(listings.Count);
        var changed = false;
        foreach (var listing in listings)
        {
            if (hidden.TryGetValue(listing.Room.Id, out var hiddenAtSeq))
            {
                if (listing.LastSeq <= hiddenAtSeq) continue;
                hidden.Remove(listing.Room.Id);
                changed = true;
            }
            shown.Add(listing);
        }
        foreach (var roomId in hidden.Keys.Where(id => !state.State.Rooms.Contains(id)).ToList()) changed |= hidden.Remove(roomId);
        if (changed) await state.WriteStateAsync();
        return shown;
    }

    private async Task ShowAgainAsync(string roomId)
    {
        if (state.State.HiddenDirects.Remove(roomId)) await state.WriteStateAsync();
    }
}
