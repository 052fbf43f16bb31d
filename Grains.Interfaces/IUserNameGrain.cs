namespace OrleansChat;

/// <summary>
/// The uniqueness lock of one user name key. Key: one of <see cref="UserNames.Keys"/> ("ci:" or "cs:" and a UTS #39
/// skeleton), or the <see cref="UserNames.LegacyKey"/> (the normalised name) of a name stored before those.
/// </summary>
[Alias("OrleansChat.IUserNameGrain")]
public interface IUserNameGrain : IGrainWithStringKey
{
    /// <summary>True when the name is now (or already was) held by <paramref name="userId"/>.</summary>
    [Alias("TryClaim")]
    Task<bool> TryClaim(Guid userId);

    [Alias("Release")]
    Task Release(Guid userId);

    [Alias("GetOwner")]
    Task<Guid?> GetOwner();
}
