namespace OrleansChat.Grains.Storage;

/// <summary>Names shared by the storage registration and the grains.</summary>
public static class ChatStorage
{
    /// <summary>The name of the grain storage provider for all chat grain state.</summary>
    public const string ProviderName = "chat";
}
