using OrleansChat.Grains.Files;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Grains.Users;

/// <summary>
/// A user's budgets for what costs others or the cluster something: rooms created, invitations, new direct
/// conversations, uploads, picture and status changes, and messages over all rooms (leased to rooms in chunks, <see cref="SendCredits"/>). Token buckets in
/// the user grain's memory: an idle grain deactivates only once they are full again (<see cref="AreFull"/>).
/// </summary>
internal sealed class UserBudgets(UserLimitOptions options, FileLimitOptions files, AvatarOptions avatars, TimeProvider time)
{
    private TokenBucket? _rooms, _invitations, _directs, _sends, _uploads, _avatars, _statuses;

    public bool TryCreateRoom() => Take(ref _rooms, options.RoomCreationsPerHour / 3600, options.RoomCreationBurst);

    public bool TryInvite() => Take(ref _invitations, options.InvitationsPerMinute / 60, options.InvitationBurst);

    public bool TryOpenDirect() => Take(ref _directs, options.DirectsPerMinute / 60, options.DirectBurst);

    public bool TryUpload() => Take(ref _uploads, files.UploadsPerMinute / 60, files.UploadBurst);

    /// <summary>A picture change is pushed to every room of the user: a budget of its own.</summary>
    public bool TryChangeAvatar() => Take(ref _avatars, avatars.ChangesPerHour / 3600, avatars.ChangeBurst);

    /// <summary>A status text change is pushed to every room of the user, like a picture.</summary>
    public bool TryChangeStatus() => Take(ref _statuses, options.StatusChangesPerHour / 3600, options.StatusChangeBurst);

    /// <summary>Up to <paramref name="wanted"/> send credits for a room, as many as the budget has now.</summary>
    public int LeaseSends(int wanted) => Sends.TakeUpTo(wanted, time.GetUtcNow());

    /// <summary>Credits a room did not use.</summary>
    public void ReturnSends(int credits) => Sends.Return(credits, time.GetUtcNow());

    /// <summary>True when every budget is full again: a new activation, starting full, would lose nothing.</summary>
    public bool AreFull()
    {
        var now = time.GetUtcNow();
        return new[] { _rooms, _invitations, _directs, _sends, _uploads, _avatars, _statuses }.All(b => b is null || b.IsFull(now));
    }

    private TokenBucket Sends => _sends ??= new TokenBucket(options.SendRatePerSecond, options.SendBurst, time.GetUtcNow());

    private bool Take(ref TokenBucket? bucket, double ratePerSecond, int burst)
    {
        var now = time.GetUtcNow();
        bucket ??= new TokenBucket(ratePerSecond, burst, now);
        return bucket.TryTake(now);
    }
}
