using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Rooms;

// Inactive members (issue 14's ghosts, MemberActivity): the room notes when each member was last active, saves the
// times with the member's next row write (or the sweep's, in batches of at most MemberRowsPerWrite rows), and on a
// timer removes members of a public room inactive past
// Chat:Rooms:InactiveMemberExpiry through the leave path, telling their user grains as a kick does.
public sealed partial class RoomGrain
{
    private MemberActivity? _activityState;

    private MemberActivity Activity => _activityState ??= new MemberActivity(_options, _time);

    /// <summary>Starts the sweep's timer; true when the room started keeping times now (its state changed).</summary>
    private bool StartMemberSweep()
    {
        var started = Activity.Start(Room);
        // The first sweep waits one subscription expiry: a room that just (re)activated knows nobody online until the
        // gateways have renewed, and would otherwise take a member online all along for inactive.
        this.RegisterGrainTimer(SweepMembersAsync, new GrainTimerCreationOptions
        {
            DueTime = _options.SubscriptionExpiry,
            Period = _options.MemberSweepInterval,
        });
        return started;
    }

    private async Task SweepMembersAsync(CancellationToken cancellationToken)
    {
        await SaveActivityAsync();
        var removed = 0;
        foreach (var userId in Activity.Due(Room, Members, Presence.IsOnline))
        {
            // Checked again: the member may have come back while an earlier removal was being written.
            if (!Activity.IsDue(Room, Members, userId, Presence.IsOnline)) continue;
            // The leave path, so an inactive member's removal is recorded and told like any leave.
            await Leave(userId);
            GrainFactory.GetGrain<IUserGrain>(userId).RoomRemoved(RoomId).Ignore();
            removed++;
        }
        if (removed > 0)
            _logger.LogInformation("Room {Room}: {Count} members inactive for {Expiry} left it", RoomId, removed, _options.InactiveMemberExpiry);
    }

    /// <summary>
    /// Writes the rows of the members whose times changed since their rows were last written, at most
    /// <see cref="MemberRowsPerWrite"/> per batch, and the rows of any member change whose batch failed.
    /// </summary>
    private async Task SaveActivityAsync()
    {
        if (!Exists) return;
        await _posting.WriteMembers([]);
        while (Activity.Unsaved)
        {
            var touched = Activity.TakeUnsaved(MemberRowsPerWrite);
            try
            {
                await _posting.WriteMembers(touched);
            }
            catch
            {
                Activity.SaveFailed(touched);
                throw;
            }
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
            _logger.LogWarning(ex, "Room {Room} could not save its members' rows on deactivation", RoomId);
        }
    }
}
