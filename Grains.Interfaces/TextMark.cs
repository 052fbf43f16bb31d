namespace OrleansChat;

/// <summary>A range of characters (UTF-16 code units) of a text: a highlighted match in a search snippet.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.TextMark")]
public sealed record TextMark(
    [property: Id(0)] int Start,
    [property: Id(1)] int Length);
