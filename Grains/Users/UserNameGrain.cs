using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Users;

/// <summary>
/// The lock that makes one user name key unique. Key: see <see cref="IUserNameGrain"/>. A name is claimed once and rarely looked at
/// again, so the grain leaves memory as soon as a claim or release is stored, a claim is refused or its owner was read (every user would otherwise keep one
/// idle activation for the collection age).
/// </summary>
public sealed class UserNameGrain(
    [PersistentState("username", ChatStorage.ProviderName)] IPersistentState<UserNameState> state) : Grain, IUserNameGrain
{
    public async Task<bool> TryClaim(Guid userId)
    {
        if (state.State.Owner == userId) return true;
        if (state.State.Owner is not null)
        {
            // A taken name is asked for again by later guests whose generated name it is, but a read of the lock's row
            // costs less than keeping an activation of each taken name for the collection age (3,400 of them, about
            // 2 KB each, were alive after 10,000 guests: docs/benchmarks.md, "Session 9").
            DeactivateOnIdle();
            return false;
        }
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
