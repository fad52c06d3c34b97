namespace RedProperty.BuildingBlocks;

public static class Text
{
    /// <summary>Optional free text as stored: trimmed, and blank is no text.</summary>
    public static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The first character no text of ours may hold, or null: control characters other than tab and line
    /// breaks, U+FFFE/U+FFFF and halves of surrogate pairs. XML cannot carry them (one such complaint broke
    /// every Open311 XML listing that covered it), and no form a person fills in produces them.
    /// </summary>
    public static string? Unprintable(string? value)
    {
        var at = value is null ? -1 : FirstRefused(value, 0);
        return at < 0 ? null : $"U+{(int)value![at]:X4}";
    }

    /// <summary>What <see cref="Unprintable"/> refuses, as U+FFFD: for text stored before it was refused.</summary>
    public static string Printable(string value)
    {
        var at = FirstRefused(value, 0);
        if (at < 0)
        {
            return value;
        }

        var chars = value.ToCharArray();
        for (; at >= 0; at = FirstRefused(value, at + 1))
        {
            chars[at] = '\uFFFD';
        }

        return new string(chars);
    }

    private static int FirstRefused(string value, int from)
    {
        for (var i = from; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++; // a whole pair: a character outside the BMP, such as a rare hanzi
            }
            else if ((char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                return i;
            }
        }

        return -1;
    }
}
