using RlGym.Core;

namespace RlGym.Core.Tests;

public class FormattingTests
{
    [Fact]
    public void Quote_ShortText_QuotesItWhole()
    {
        Assert.Equal("'CartPole-v1'", Formatting.Quote("CartPole-v1"));
    }

    [Fact]
    public void Quote_8000Bytes_KeepsAPrefixAndTheSize()
    {
        var quoted = Formatting.Quote(new string('x', 8000));

        Assert.Equal($"'{new string('x', Formatting.QuotedPrefixLength)}…' (8,000 bytes)", quoted);
    }

    [Fact]
    public void Quote_MultiByteText_CountsUtf8BytesAndKeepsSurrogatePairsWhole()
    {
        var quoted = Formatting.Quote(string.Concat(Enumerable.Repeat("😀", 100)));

        Assert.EndsWith("…' (400 bytes)", quoted, StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", quoted, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(quoted[quoted.Length - "…' (400 bytes)".Length - 1]));
    }

    [Fact]
    public void Describe_HugeListOfLongStrings_StaysShort()
    {
        var rows = Enumerable.Repeat(new string('F', 100_000), 1000).ToArray();

        var text = Formatting.Describe(rows);

        Assert.True(text.Length <= Formatting.MaxDescriptionLength, $"{text.Length} characters");
        Assert.StartsWith("[\"FFFF", text, StringComparison.Ordinal);
    }
}
