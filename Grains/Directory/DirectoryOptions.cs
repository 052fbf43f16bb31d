namespace OrleansChat.Grains.Directory;

/// <summary>Paging of the public room list (configuration section <c>Chat:Directory</c>); see docs/operations.md.</summary>
public sealed class DirectoryOptions
{
    public const string Section = "Chat:Directory";

    /// <summary>Rooms on a page when the caller asks for none in particular.</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>The most rooms one page holds, whatever the caller asks for.</summary>
    public int MaxPageSize { get; set; } = 100;
}
