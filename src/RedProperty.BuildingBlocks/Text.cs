namespace RedProperty.BuildingBlocks;

public static class Text
{
    /// <summary>Optional free text as stored: trimmed, and blank is no text.</summary>
    public static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
