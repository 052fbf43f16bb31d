using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Rooms;

// Inactive members (issue 14's ghosts, MemberActivity): the room notes when each member was last active, saves the
// times with its next state write (or the sweep's), and on a timer removes members of a public room inactive past
// Chat:Rooms:InactiveMemberExpiry through the leave path, telling their user grains as a kick does.
public sealed partial class RoomGrain
{
    private MemberActivity? _activityState;

    private MemberActivity Activity => _activityState ??= new MemberActivity(_options, _time);

    private void StartMemberSweep()
    {
        Activity.Start(Room);
        // The first sweep waits one subscription expiry: a room that just (re)activated knows nobody online until the
        // gateways have renewed, and would otherwise take a member online all along for inactive.
        this.RegisterGrainTimer(SweepMembersAsync, new GrainTimerCreationOptions
        {
            DueTime = _options.SubscriptionExpiry,
            Period = _options.MemberSweepInterval,
        });
    }

    private async Task SweepMembersAsync(CancellationToken cancellationToken)
    {
        await SaveActivityAsync();
        var removed = 0;
        foreach (var userId in Activity.Due(Room, Presence.IsOnline))
        {
            // Checked again: the member may have come back while an earlier removal was being written.
            if (!Activity.IsDue(Room, userId, Presence.IsOnline)) continue;
            // The leave path, so an inactive member's removal is recorded and told like any leave.
            await Leave(userId);
            GrainFactory.GetGrain<IUserGrain>(userId).RoomRemoved(RoomId).Ignore();
            removed++;
        }
        if (removed > 0)
            _logger.LogInformation("Room {Room}: {Count} members inactive for {Expiry} left it", RoomId, removed, _options.InactiveMemberExpiry);
    }

    /// <summary>Writes the room's state when only activity times changed since its last write.</summary>
    private async Task SaveActivityAsync()
    {
        if (!Exists || !Activity.Unsaved) return;
        Activity.Saving();
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            Activity.SaveFailed();
            throw;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await SaveActivityAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only times are lost: members look inactive since the last save, at worst the sweep interval earlier.
            _logger.LogWarning(ex, "Room {Room} could not save its members' activity times on deactivation", RoomId);
        }
    }
}
