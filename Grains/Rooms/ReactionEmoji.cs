using System.Globalization;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// What a reaction may be: exactly one user-perceived character (extended grapheme cluster) of at most 32 UTF-16 units
/// that is an emoji — its first code point in an emoji block (U+1F000–U+1FAFF, U+2600–U+27BF, U+2300–U+23FF,
/// U+2B00–U+2BFF, U+2190–U+21FF, U+3030, U+303D, U+3297, U+3299, ©, ®, ‼, ⁉, ™, ℹ) or a keycap (<c>#</c>, <c>*</c>,
/// <c>0</c>–<c>9</c> followed by U+FE0F U+20E3), and every other code point one that builds emoji sequences: those
/// blocks again, the zero-width joiner, variation selector 16, the keycap mark and the tag characters of subdivision
/// flags. So 👍, 👍🏽, 👩‍👩‍👧, 🏳️‍🌈, 🇫🇷, 🏴󠁧󠁢󠁳󠁣󠁴󠁿 and 1️⃣ are accepted; letters, digits alone, text and two emoji are not.
/// </summary>
public static class ReactionEmoji
{
    public static bool IsValid(string? emoji)
    {
        if (string.IsNullOrEmpty(emoji) || emoji.Length > ChatLimits.MaxReactionLength) return false;
        if (StringInfo.GetNextTextElementLength(emoji) != emoji.Length) return false;
        var runes = emoji.EnumerateRunes().ToList();
        if (runes.Any(r => r.Value == 0xFFFD)) return false;
        var first = runes[0].Value;
        if (first is '#' or '*' or (>= '0' and <= '9'))
            return runes.Count == 3 && runes[1].Value == 0xFE0F && runes[2].Value == 0x20E3;
        return IsEmojiBlock(first) && runes.Skip(1).All(r => IsEmojiBlock(r.Value) || IsSequencePart(r.Value));
    }

    private static bool IsEmojiBlock(int c) =>
        c is >= 0x1F000 and <= 0x1FAFF
            or >= 0x2600 and <= 0x27BF
            or >= 0x2300 and <= 0x23FF
            or >= 0x2B00 and <= 0x2BFF
            or >= 0x2190 and <= 0x21FF
            or 0x3030 or 0x303D or 0x3297 or 0x3299 or 0xA9 or 0xAE or 0x203C or 0x2049 or 0x2122 or 0x2139;

    private static bool IsSequencePart(int c) => c is 0x200D or 0xFE0F or 0x20E3 or >= 0xE0020 and <= 0xE007F;
}
