using System.Globalization;
using System.Text;

namespace Llm.Charts;

/// <summary>
/// Rough text widths, so that margins fit the labels without a font engine. An SVG is drawn by the
/// viewer with whatever fonts it has, so exact metrics are unknowable here; average advance widths
/// of common sans-serif fonts are close enough to leave room and avoid overlaps.
/// </summary>
internal static class TextMetrics
{
    /// <summary>
    /// Latin fonts first (they draw Latin text best), then CJK fonts that viewers on Linux, Windows
    /// and macOS have; browsers fall back glyph by glyph along the list.
    /// </summary>
    public const string FontFamily =
        "'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans', 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'WenQuanYi Micro Hei', sans-serif";

    /// <summary>Estimated width in pixels of <paramref name="text"/> at <paramref name="fontSize"/>.</summary>
    public static double Width(string text, double fontSize)
    {
        double em = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            em += Advance(rune);
        }

        return em * fontSize;
    }

    /// <summary>The text shortened with "…" so that it fits in <paramref name="maxWidth"/> pixels.</summary>
    public static string Fit(string text, double fontSize, double maxWidth)
    {
        if (Width(text, fontSize) <= maxWidth)
        {
            return text;
        }

        var kept = new StringBuilder();
        var width = Width("…", fontSize);
        foreach (var rune in text.EnumerateRunes())
        {
            width += Advance(rune) * fontSize;
            if (width > maxWidth)
            {
                break;
            }

            kept.Append(rune.ToString());
        }

        return kept.Append('…').ToString();
    }

    // Advance widths in ems: CJK ideographs and full-width forms are square (1 em); Latin letters
    // average about 0.55 em, with narrow (i, l, punctuation) and wide (M, W) exceptions.
    private static double Advance(Rune rune)
    {
        var v = rune.Value;
        if (IsWide(v))
        {
            return 1.0;
        }

        if (v < 0x80 && "il.,:;'|!jft()[]".Contains((char)v))
        {
            return 0.3;
        }

        if (v == 'm' || v == 'w' || v == 'M' || v == 'W')
        {
            return 0.85;
        }

        if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.UppercaseLetter)
        {
            return 0.66;
        }

        return v == ' ' ? 0.28 : 0.56;
    }

    // East Asian wide ranges: Hangul Jamo, CJK radicals to Yi, Hangul syllables, compatibility
    // ideographs, full-width forms, and the supplementary ideograph planes.
    private static bool IsWide(int v) =>
        (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3) ||
        (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F) || (v >= 0xFF00 && v <= 0xFF60) ||
        (v >= 0xFFE0 && v <= 0xFFE6) || (v >= 0x1F300 && v <= 0x1FAFF) || (v >= 0x20000 && v <= 0x3FFFD);
}
