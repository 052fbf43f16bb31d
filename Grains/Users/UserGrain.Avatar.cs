using OrleansChat.Grains.Rooms;

namespace OrleansChat.Grains.Users;

/// <summary>The user's picture: stored in its own state, announced to every room of the user as a name is.</summary>
public sealed partial class UserGrain
{
    private int AvatarVersion => avatar.State.Picture is null ? 0 : avatar.State.Changes;

    /// <summary>The user as rooms show them: the name, the picture's version and the status text.</summary>
    private MemberIdentity Identity => new(Name, AvatarVersion, state.State.Status);

    public async Task<UserProfile> SetAvatar(byte[] picture)
    {
        _ = Name;
        if (picture is null || picture.Length == 0 || picture.Length > AvatarOptions.MaxStoredBytes || !IsWebP(picture))
            throw new ChatException("A picture is stored as a WebP image of at most 256 KB.");
        await ChangeAvatarAsync(picture);
        return Profile();
    }

    public async Task<UserProfile> RemoveAvatar()
    {
        _ = Name;
        if (avatar.State.Picture is not null) await ChangeAvatarAsync(null);
        return Profile();
    }

    public Task<AvatarPicture?> GetAvatar() =>
        Task.FromResult(avatar.State.Picture is { } bytes && state.State.Name is not null ? new AvatarPicture(avatar.State.Changes, bytes) : null);

    private async Task ChangeAvatarAsync(byte[]? picture)
    {
        if (!_budgets.TryChangeAvatar()) throw new ChatException("You are changing your picture too often. Please wait a while.");
        avatar.State.Picture = picture;
        avatar.State.Changes++;
        await avatar.WriteStateAsync();
        await AnnounceProfileAsync();
    }

    /// <summary>Every room of the user learns the user's name, picture and status (a rename, a picture and a status travel alike).</summary>
    private Task AnnounceProfileAsync() =>
        Task.WhenAll(state.State.Rooms.Select(r => GrainFactory.GetGrain<IRoomGrain>(r).MemberProfileChanged(UserId, Identity)));

    /// <summary>RIFF….WEBP: what the gateway's re-encoding produces.</summary>
    private static bool IsWebP(byte[] bytes) =>
        bytes.Length >= 12 && bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) && bytes.AsSpan(8, 4).SequenceEqual("WEBP"u8);
}
