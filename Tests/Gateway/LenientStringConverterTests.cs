using System.Text.Json;
using OrleansChat.WebGateway.Hubs;

namespace OrleansChat.Tests.Gateway;

public sealed class LenientStringConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new LenientStringConverter() } };

    [Theory]
    [InlineData("""["a\ud800b"]""", "a\ufffdb")]
    [InlineData("""["\udc00\ud800"]""", "\ufffd\ufffd")]
    [InlineData("""["x\ud800\ud83d\ude00\"\\\/\b\f\n\r\t\u00e9é"]""", "x\ufffd\U0001F600\"\\/\b\f\n\r\té\u00e9")]
    public void Read_AnEscapedLoneSurrogate_BecomesTheReplacementCharacter(string json, string text)
    {
        Assert.Equal(text, JsonSerializer.Deserialize<string[]>(json, Options)!.Single());
    }

    [Theory]
    [InlineData("""["plain"]""", "plain")]
    [InlineData("""["\ud83d\ude00 \u0041"]""", "\U0001F600 A")]
    public void Read_AValidString_IsReadAsByTheDefaultConverter(string json, string text)
    {
        Assert.Equal(text, JsonSerializer.Deserialize<string[]>(json, Options)!.Single());
        Assert.Equal(text, JsonSerializer.Deserialize<string[]>(json)!.Single());
    }

    [Fact]
    public void Read_NullAndNonStrings_BehaveAsWithoutIt()
    {
        Assert.Null(JsonSerializer.Deserialize<string?[]>("[null]", Options)!.Single());
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<string[]>("[42]", Options));
    }
}
