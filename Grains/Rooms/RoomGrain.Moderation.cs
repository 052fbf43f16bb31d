namespace OrleansChat.Grains.Rooms;

// Invitations, kicks, bans, roles and room metadata. Rules: moderators and the owner moderate; nobody acts on someone
// of equal or higher role; only the owner changes roles and metadata; direct conversations have no moderation. Site
// administrators (AdminOptions) rank above the owner in every room, the lobby included, without being members.
public sealed partial class RoomGrain
{
    public async Task<MemberInfo> Invite(Guid actor, Guid target)
    {
        var inviter = EnsureMember(actor);
        EnsureModerated();
        if (!Room.IsPublic && RoomRoles.Rank(inviter.Role) < RoomRoles.Rank(RoomRoles.Moderator))
            throw new ChatException("Only moderators and the owner can invite people to a private room.");
        if (Room.Banned.Contains(target)) throw new ChatException("That person is banned from this room.");
        if (Members.TryGetValue(target, out var existing)) return Info(target, existing);
        // Every invitation puts a room in someone's list: it spends the inviter's budget over all rooms (one call to
        // the inviter's user grain, which interleaves, so this await cannot deadlock with the inviter calling us).
        if (!await GrainFactory.GetGrain<IUserGrain>(actor).TryTakeInvitation())
            throw new ChatException("You are inviting people too fast. Please slow down.");
        if (Members.TryGetValue(target, out existing)) return Info(target, existing);

        var profile = await GrainFactory.GetGrain<IUserGrain>(target).GetProfile() ?? throw new ChatException("There is no such user.");
        await EnsureReachableAsync(actor, target);
        var member = RoomMember.New(MemberIdentity.Of(profile), _time.GetUtcNow());
        Members[target] = member;
        Reindex(target);
        var line = QueueMemberLine(MemberLine.Added, actor, target, member.Name, [target]);
        await SaveWithLineAsync(line);
        NotifyMemberChange(MemberChangeKinds.Joined, target, member);
        GrainFactory.GetGrain<IUserGrain>(target).RoomAdded(RoomId).Ignore();
        return Info(target, member);
    }

    public async Task Kick(Guid actor, Guid target)
    {
        EnsureCanModerate(actor, target);
        if (!Members.ContainsKey(target)) throw new ChatException("That person is not a member of this room.");
        Members.Remove(target, out var member);
        var audience = StopDelivery(target);
        var heir = member!.Role == RoomRoles.Owner ? PassOwnership() : null;
        var line = QueueMemberLine(MemberLine.Kicked, actor, target, member.Name, RowsOf(target, heir));
        if (heir is not null) await _state.WriteStateAsync();
        await SaveWithLineAsync(line);
        NotifyRemoval(MemberChangeKinds.Kicked, target, member, audience);
        NotifyHeir(heir);
        GrainFactory.GetGrain<IUserGrain>(target).RoomRemoved(RoomId).Ignore();
    }

    public async Task Ban(Guid actor, Guid target)
    {
        EnsureCanModerate(actor, target);
        Room.Banned.Add(target);
        Members.Remove(target, out var member);
        var audience = StopDelivery(target);
        var heir = member?.Role == RoomRoles.Owner ? PassOwnership() : null;
        // A line (with the row's removal) only for a member: banning someone who is not in the room shows nothing in its timeline.
        var line = member is not null ? QueueMemberLine(MemberLine.Banned, actor, target, member.Name, RowsOf(target, heir)) : null;
        await _state.WriteStateAsync();
        if (member is null || line is null) return;
        await SaveWithLineAsync(line);
        NotifyRemoval(MemberChangeKinds.Banned, target, member, audience);
        NotifyHeir(heir);
        GrainFactory.GetGrain<IUserGrain>(target).RoomRemoved(RoomId).Ignore();
    }

    public async Task Unban(Guid actor, Guid target)
    {
        if (RoomRoles.Rank(ActorRole(actor)) < RoomRoles.Rank(RoomRoles.Moderator)) throw new ChatException("Only moderators and the owner can lift a ban.");
        if (Room.Banned.Remove(target)) await _state.WriteStateAsync();
    }

    public async Task SetRole(Guid actor, Guid target, string role)
    {
        EnsureOwner(actor);
        if (role is not (RoomRoles.Moderator or RoomRoles.Member)) throw new ChatException("A role is 'moderator' or 'member'.");
        if (actor == target) throw new ChatException("The owner's role cannot be changed.");
        if (!Members.TryGetValue(target, out var member)) throw new ChatException("That person is not a member of this room.");
        if (member.Role == RoomRoles.Owner) throw new ChatException("The owner's role cannot be changed.");
        if (member.Role == role) return;
        member.Role = role;
        await SaveMembersAsync([target]);
        NotifyMemberChange(MemberChangeKinds.RoleChanged, target, member);
    }

    public async Task<RoomSummary> Update(Guid actor, RoomUpdate update)
    {
        EnsureOwner(actor);
        string? name = null, topic = null;
        if (update.Name is not null)
        {
            if (RoomIds.ValidateName(update.Name) is { } error) throw new ChatException(error);
            if (RoomId != ChatLimits.LobbyId) EnsureNotReserved(update.Name);
            name = update.Name.Trim();
        }
        if (update.Topic is not null)
        {
            if (update.Topic.Length > ChatLimits.MaxTopicLength) throw new ChatException($"A topic has at most {ChatLimits.MaxTopicLength} characters.");
            topic = MessageText.CleanLine(update.Topic);
        }
        // One line per change, none for a field set to what it was.
        var lines = new List<Task<PostResult>>(2);
        if (name is not null && name != Room.Name)
        {
            lines.Add(QueueRoomLine(actor, new RoomLine(RoomLine.Renamed, Name: name, OldName: Room.Name)));
            Room.Name = name;
        }
        if (topic is not null && topic != Room.Topic)
        {
            lines.Add(QueueRoomLine(actor, new RoomLine(RoomLine.TopicChanged, Topic: topic)));
            Room.Topic = topic;
        }
        var wasPublic = Room.IsPublic;
        if (update.IsPublic is { } isPublic && RoomId != ChatLimits.LobbyId) Room.IsPublic = isPublic;
        await _state.WriteStateAsync();

        var summary = Summary();
        if (Room.IsPublic) await Directory.Register(summary);
        else if (wasPublic) await Directory.Unregister(RoomId);
        NotifyRoomChange(summary);
        foreach (var line in lines) await SettleAsync(line);
        return summary;
    }

    public async Task MemberProfileChanged(Guid userId, MemberIdentity identity)
    {
        if (!Members.TryGetValue(userId, out var member)
            || (member.Name == identity.Name && member.Avatar == identity.Avatar && member.Status == identity.Status)) return;
        member.Name = identity.Name;
        member.Avatar = identity.Avatar;
        member.Status = identity.Status;
        Reindex(userId);
        await SaveMembersAsync([userId]);
        NotifyMemberChange(MemberChangeKinds.Profile, userId, member);
    }

    private void EnsureModerated()
    {
        if (Room.Kind == RoomKinds.Direct) throw new ChatException("A direct conversation has no moderation.");
        if (Room.Kind == RoomKinds.Group) throw new ChatException("A group conversation has no moderation; start a new one to add people.");
    }

    private void NotifyHeir(Guid? heir)
    {
        if (heir is { } id) NotifyMemberChange(MemberChangeKinds.RoleChanged, id, Members[id]);
    }

    /// <summary>
    /// The role the actor moderates with: a site administrator's <see cref="RoomRoles.Admin"/> in any room that exists,
    /// member or not; else the member's role (a non-member is refused as by every room operation). Never in a direct
    /// conversation.
    /// </summary>
    private string ActorRole(Guid actor)
    {
        if (_admins.IsAdmin(actor))
        {
            if (!Exists) throw NotFound();
            EnsureModerated();
            return RoomRoles.Admin;
        }
        var member = EnsureMember(actor);
        EnsureModerated();
        return member.Role;
    }

    private string TargetRole(Guid target) =>
        _admins.IsAdmin(target) ? RoomRoles.Admin : Members.TryGetValue(target, out var member) ? member.Role : RoomRoles.Member;

    private void EnsureOwner(Guid actor)
    {
        if (RoomRoles.Rank(ActorRole(actor)) < RoomRoles.Rank(RoomRoles.Owner)) throw new ChatException("Only the owner of the room can do that.");
    }

    private void EnsureCanModerate(Guid actor, Guid target)
    {
        var role = ActorRole(actor);
        if (RoomRoles.Rank(role) < RoomRoles.Rank(RoomRoles.Moderator)) throw new ChatException("Only moderators and the owner can do that.");
        if (actor == target) throw new ChatException("You cannot do that to yourself.");
        if (RoomRoles.Rank(TargetRole(target)) >= RoomRoles.Rank(role))
            throw new ChatException("You cannot do that to someone of your own or a higher role.");
    }
}
