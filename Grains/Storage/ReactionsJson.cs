using System.Text.Json;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// A message's reactions as the stores keep them in one column: <c>[{"e":"👍","u":["&lt;user id&gt;",…]},…]</c>, in
/// the order the emoji were first used. Null (no column value) for none.
/// </summary>
public static class ReactionsJson
{
    public static string? Write(IReadOnlyList<Reaction>? reactions)
    {
        if (reactions is null || reactions.Count == 0) return null;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var reaction in reactions)
            {
                json.WriteStartObject();
                json.WriteString("e", reaction.Emoji);
                json.WriteStartArray("u");
                foreach (var user in reaction.Users) json.WriteStringValue(user);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyList<Reaction>? Read(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        using var document = JsonDocument.Parse(text);
        var reactions = new List<Reaction>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var users = item.GetProperty("u").EnumerateArray().Select(u => u.GetGuid()).ToList();
            reactions.Add(new Reaction(item.GetProperty("e").GetString()!, users));
        }
        return reactions;
    }
}
