namespace OrleansChat.Grains.Rooms;

// Blocking: a user who blocked another cannot be reached by them — no new direct conversation, no invitation, no post
// in their existing one. The room checks it: invitations and conversations are created here, and posts arrive here.
public sealed partial class RoomGrain
{
    /// <summary>
    /// The one answer to a blocked user, whatever they tried: it does not say why, so it reads the same as other reasons
    /// someone cannot be reached, and it is not "no such user", which the blocked user would see is untrue.
    /// </summary>
    public const string UnreachableMessage = "That person cannot be reached.";

    public async Task SetBlocked(Guid blocker, Guid blocked, bool isBlocked)
    {
        if (RoomIds.Direct(blocker, blocked) != RoomId || blocker == blocked) throw new ChatException("That is not the conversation of these two users.");
        if (!Exists) return;
        var changed = isBlocked ? Room.BlockedSenders.Add(blocked) : Room.BlockedSenders.Remove(blocked);
        if (changed) await _state.WriteStateAsync();
    }

    /// <summary>A member who may post here: not the blocked side of a direct conversation.</summary>
    private RoomMember EnsureCanPost(Guid userId)
    {
        var member = EnsureMember(userId);
        if (Room.BlockedSenders.Contains(userId)) throw new ChatException(UnreachableMessage);
        Touch(userId, member);
        return member;
    }

    /// <summary>
    /// Before a new direct conversation: refused when the peer blocked the user; otherwise the blocked senders it starts
    /// with (the peer, if the user blocked them). Both users are asked at once.
    /// </summary>
    private async Task<HashSet<Guid>> BlockedSendersOfNewDirectAsync(Guid userId, Guid peerId)
    {
        var peerBlocksUser = GrainFactory.GetGrain<IUserGrain>(peerId).Blocks(userId);
        var userBlocksPeer = GrainFactory.GetGrain<IUserGrain>(userId).Blocks(peerId);
        await Task.WhenAll(peerBlocksUser, userBlocksPeer);
        if (peerBlocksUser.Result) throw new ChatException(UnreachableMessage);
        return userBlocksPeer.Result ? [peerId] : [];
    }

    /// <summary>Refuses an invitation of someone who blocked the inviter.</summary>
    private async Task EnsureReachableAsync(Guid actor, Guid target)
    {
        if (await GrainFactory.GetGrain<IUserGrain>(target).Blocks(actor)) throw new ChatException(UnreachableMessage);
    }
}
