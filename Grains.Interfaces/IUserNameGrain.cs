namespace OrleansChat;

/// <summary>
/// The uniqueness lock of one user name. Key: the normalised name (<see cref="UserNames.Normalize"/>).
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
