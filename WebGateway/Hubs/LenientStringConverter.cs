using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansChat.WebGateway.Hubs;

/// <summary>
/// Reads a JSON string whose escapes (<c>"\ud800"</c>) make a lone surrogate, which System.Text.Json refuses, as the
/// text with U+FFFD in its place (docs/protocol.md), so such a message is stored rather than failing to bind with a
/// generic error. Every other string is read exactly as by the default converter.
/// </summary>
public sealed class LenientStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.ValueIsEscaped) return reader.GetString();
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return Unescape(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>The string of a raw (still escaped, valid UTF-8) JSON string value, lone surrogates as U+FFFD.</summary>
    public static string Unescape(ReadOnlySpan<byte> raw)
    {
        var sb = new StringBuilder(raw.Length);
        while (!raw.IsEmpty)
        {
            var backslash = raw.IndexOf((byte)'\\');
            if (backslash < 0)
            {
                sb.Append(Encoding.UTF8.GetString(raw));
                break;
            }
            sb.Append(Encoding.UTF8.GetString(raw[..backslash]));
            var escape = (char)raw[backslash + 1];
            if (escape == 'u')
            {
                sb.Append((char)Convert.ToUInt16(Encoding.ASCII.GetString(raw.Slice(backslash + 2, 4)), 16));
                raw = raw[(backslash + 6)..];
                continue;
            }
            sb.Append(escape switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => escape });
            raw = raw[(backslash + 2)..];
        }
        for (var i = 0; i < sb.Length; i++)
        {
            if (char.IsHighSurrogate(sb[i]) && i + 1 < sb.Length && char.IsLowSurrogate(sb[i + 1])) i++;
            else if (char.IsSurrogate(sb[i])) sb[i] = '\uFFFD';
        }
        return sb.ToString();
    }
}
