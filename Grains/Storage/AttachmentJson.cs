using System.Text.Json;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// A message's file as the stores keep it in one column (SQLite text, PostgreSQL jsonb):
/// <c>{"id":…,"name":…,"size":…,"contentType":…,"width":…,"height":…,"thumbWidth":…,"thumbHeight":…}</c>; null for none.
/// The delete of a message finds its file by <c>id</c>.
/// </summary>
public static class AttachmentJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        IgnoreReadOnlyProperties = true,
    };

    public static string? Write(FileAttachment? attachment) =>
        attachment is null ? null : JsonSerializer.Serialize(attachment, Options);

    public static FileAttachment? Read(string? text) =>
        string.IsNullOrEmpty(text) ? null : JsonSerializer.Deserialize<FileAttachment>(text, Options);
}
