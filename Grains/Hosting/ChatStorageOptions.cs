namespace OrleansChat.Grains.Hosting;

/// <summary>Where the chat keeps its data (configuration section <c>Chat:Storage</c>).</summary>
public sealed class ChatStorageOptions
{
    /// <summary>The embedded database file, for the default all-in-one mode.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "orleanschat.db");
}
