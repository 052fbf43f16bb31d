using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Users;

/// <summary>
/// The lock that makes one user name key unique. Key: see <see cref="IUserNameGrain"/>. A name is claimed once and rarely looked at
/// again, so the grain leaves memory as soon as a claim or release is stored or its owner was read (every user would otherwise keep one
/// idle activation for the collection age).
/// </summary>
public sealed class UserNameGrain(
    [PersistentState("username", ChatStorage.ProviderName)] IPersistentState<UserNameState> state) : Grain, IUserNameGrain
{
    public async Task<bool> TryClaim(Guid userId)
    {
        if (state.State.Owner == userId) return true;
        if (state.State.Owner is not null) return false;
        state.State.Owner = userId;
        await state.WriteStateAsync();
        DeactivateOnIdle();
        return true;
    }

    public async Task Release(Guid userId)
    {
        if (state.State.Owner != userId) return;
        state.State.Owner = null;
        await state.WriteStateAsync();
        DeactivateOnIdle();
    }

    public Task<Guid?> GetOwner()
    {
        // Asked once per new name (its legacy key) and per login by name: no reason to stay either.
        DeactivateOnIdle();
        return Task.FromResult(state.State.Owner);
    }
}
