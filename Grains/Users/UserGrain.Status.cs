namespace OrleansChat.Grains.Users;

/// <summary>The user's status text: kept in the user's state, announced to every room of the user as a name is.</summary>
public sealed partial class UserGrain
{
    public async Task<UserProfile> SetStatus(string? text)
    {
        _ = Name;
        var status = StatusText.Clean(text);
        if (StatusText.Validate(status, limits.Value.MaxStatusLength) is { } error) throw new ChatException(error);
        if (status == state.State.Status) return Profile();
        if (!_budgets.TryChangeStatus()) throw new ChatException("You are changing your status too often. Please wait a while.");
        state.State.Status = status;
        await state.WriteStateAsync();
        await AnnounceProfileAsync();
        return Profile();
    }
}
