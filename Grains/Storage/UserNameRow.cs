namespace OrleansChat.Grains.Storage;

/// <summary>
/// One name of the user-name search index (table <c>user_names</c>): <paramref name="Key"/> is the normalised name
/// (<see cref="UserNames.Normalize"/>, what a search matches and sorts by), <paramref name="Name"/> the name as shown
/// (<see cref="UserNames.Clean"/>).
/// </summary>
public sealed record UserNameRow(string Key, Guid UserId, string Name);
