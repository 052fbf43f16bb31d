namespace OrleansChat.Grains.Users;

// Notification levels: what the user wants to be told of per room, kept here so that every device of the user
// (every browser it logs in from) shows the same badges and notifications.
public sealed partial class UserGrain
{
    public async Task SetNotify(string roomId, string level)
    {
        _ = Name;
        if (!NotifyLevels.IsValid(level)) throw new ChatException("A notification level is 'all', 'mentions' or 'nothing'.");
        if (!state.State.Rooms.Contains(roomId)) throw new ChatException($"There is no room '{roomId}'.");
        var levels = state.State.NotifyLevels;
        var changed = level == NotifyLevels.Default(roomId) ? levels.Remove(roomId) : levels.GetValueOrDefault(roomId) != level;
        if (!changed) return;
        if (level != NotifyLevels.Default(roomId)) levels[roomId] = level;
        await state.WriteStateAsync();
    }

    private string NotifyLevel(string roomId) =>
        state.State.NotifyLevels.GetValueOrDefault(roomId) ?? NotifyLevels.Default(roomId);
}
