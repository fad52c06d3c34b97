using System.Buffers.Binary;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace RedProperty.Evaluation.Periods;

/// <summary>
/// An A4 document in Chinese, laid out for PDFsharp: official-document margins, text that breaks between any two
/// characters (PDFsharp's own formatter breaks only at spaces, which Chinese does not have), no closing
/// punctuation at the start of a line, tables whose rows move whole to the next page with their header, and
/// page numbers. The one CJK font is embedded (subset), so the text reads and copies the same everywhere.
/// </summary>
public sealed partial class NoticeDocument : IDisposable
{
    public const double Body = 16; // 三号, the body size of an official document

    private static readonly XSize A4 = new(595.28, 841.89);
    private const double Left = 79, Right = 79, Top = 90, Bottom = 85; // ≈ 28 mm sides, 32/30 mm top/bottom
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private readonly PdfDocument document = new();
    private readonly string footer;
    private XGraphics? page;
    private double y;

    public NoticeDocument(string title, string author, string footer, DateOnly issuedOn)
    {
        NoticeFont.Install();
        this.footer = footer;
        document.Info.Title = title;
        document.Info.Author = author;
        document.Info.Creator = "RedProperty";
        // The issue day, not the moment of rendering: the same notice renders to the same text every time.
        document.Info.CreationDate = issuedOn.ToDateTime(TimeOnly.MinValue);
        NewPage();
    }

    private static double Width => A4.Width - Left - Right;

    public static XFont Font(double size, bool bold = false) =>
        new(NoticeFont.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    public void Centered(string text, XFont font, XBrush? brush = null, double after = 0)
    {
        foreach (var line in Wrap(text, font, Width))
        {
            var height = LineHeight(font);
            Ensure(height);
            page!.DrawString(line, font, brush ?? XBrushes.Black, new XRect(Left, y, Width, height), XStringFormats.TopCenter);
            y += height;
        }

        y += after;
    }

    public void RightAligned(string text, XFont font)
    {
        var height = LineHeight(font);
        Ensure(height);
        page!.DrawString(text, font, XBrushes.Black, new XRect(Left, y, Width, height), XStringFormats.TopRight);
        y += height;
    }

    /// <summary>A paragraph, its first line indented by two characters as Chinese documents are.</summary>
    public void Paragraph(string text, XFont font, bool indent = true, double after = 4)
    {
        var em = indent ? font.Size * 2 : 0;
        var lines = Wrap(text, font, Width, em);
        for (var i = 0; i < lines.Count; i++)
        {
            var height = LineHeight(font);
            Ensure(height);
            var x = Left + (i == 0 ? em : 0);
            page!.DrawString(lines[i], font, XBrushes.Black, new XRect(x, y, Width, height), XStringFormats.TopLeft);
            y += height;
        }

        y += after;
    }

    public void Rule(XColor color, double thickness, double after = 12)
    {
        Ensure(thickness);
        page!.DrawLine(new XPen(color, thickness), Left, y, Left + Width, y);
        y += thickness + after;
    }

    public void Space(double points) => y += points;

    /// <summary>A ruled table; column widths are shares of the text width. A row never splits across pages.</summary>
    public void Table(IReadOnlyList<(string Header, double Width, bool Centered)> columns, IReadOnlyList<IReadOnlyList<string>> rows, XFont font, XFont headerFont)
    {
        const double padding = 3;
        var total = columns.Sum(c => c.Width);
        var widths = columns.Select(c => c.Width / total * Width).ToArray();
        var pen = new XPen(XColors.Black, 0.6);

        (List<string>[] Cells, double Height) Layout(IReadOnlyList<string> cells, XFont cellFont)
        {
            var wrapped = cells.Select((text, i) => Wrap(text, cellFont, widths[i] - 2 * padding)).ToArray();
            return (wrapped, wrapped.Max(w => Math.Max(1, w.Count)) * LineHeight(cellFont) + 2 * padding);
        }

        void Draw((List<string>[] Cells, double Height) row, XFont cellFont, bool header)
        {
            var x = Left;
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = new XRect(x, y, widths[i], row.Height);
                if (header)
                {
                    page!.DrawRectangle(new XSolidBrush(XColor.FromArgb(240, 236, 232)), cell);
                }

                page!.DrawRectangle(pen, cell);
                var lineY = y + padding;
                foreach (var line in row.Cells[i])
                {
                    page.DrawString(line, cellFont, XBrushes.Black, new XRect(x + padding, lineY, widths[i] - 2 * padding, LineHeight(cellFont)),
                        header || columns[i].Centered ? XStringFormats.TopCenter : XStringFormats.TopLeft);
                    lineY += LineHeight(cellFont);
                }

                x += widths[i];
            }

            y += row.Height;
        }

        var head = Layout([.. columns.Select(c => c.Header)], headerFont);
        Ensure(head.Height + (rows.Count > 0 ? Layout(rows[0], font).Height : 0));
        Draw(head, headerFont, header: true);
        foreach (var cells in rows)
        {
            var row = Layout(cells, font);
            if (y + row.Height > A4.Height - Bottom)
            {
                NewPage();
                Draw(head, headerFont, header: true);
            }

            Draw(row, font, header: false);
        }

        y += 8;
    }

    public byte[] ToPdf()
    {
        page?.Dispose();
        page = null;
        var small = Font(10);
        for (var i = 0; i < document.PageCount; i++)
        {
            using var gfx = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            gfx.DrawString($"{footer}　第 {i + 1} 页 共 {document.PageCount} 页", small, XBrushes.Gray,
                new XRect(Left, A4.Height - Bottom + 30, Width, 14), XStringFormats.TopCenter);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        page?.Dispose();
        document.Dispose();
    }

    private static double LineHeight(XFont font) => font.Size * 1.5;

    private void Ensure(double height)
    {
        if (y + height > A4.Height - Bottom)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        page?.Dispose();
        var next = document.AddPage();
        next.Width = XUnit.FromPoint(A4.Width);
        next.Height = XUnit.FromPoint(A4.Height);
        page = XGraphics.FromPdfPage(next);
        y = Top;
    }

    // Latin words and numbers (2022Q2, 76.5, GD2022…) stay whole; every other character may end a line.
    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9.:/%\-]*|\s+|.", RegexOptions.Singleline)]
    private static partial Regex Tokens();

    // 避头: punctuation that closes may not begin a line; it stays on the line before, a little over the margin.
    private const string NoLineStart = "，。、；：！？）》」』”’％,.;:!?)%";

    /// <summary>Greedy line breaking by measured width; <paramref name="firstIndent"/> narrows the first line.</summary>
    public static List<string> Wrap(string text, XFont font, double width, double firstIndent = 0)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            var available = lines.Count == 0 ? width - firstIndent : width;
            foreach (Match token in Tokens().Matches(paragraph))
            {
                var candidate = line + token.Value;
                if (line.Length > 0 && Measure(candidate, font) > available && !NoLineStart.Contains(token.Value[0], StringComparison.Ordinal))
                {
                    lines.Add(line.ToString().TrimEnd());
                    line.Clear();
                    available = width;
                    if (string.IsNullOrWhiteSpace(token.Value))
                    {
                        continue;
                    }
                }

                line.Append(token.Value);
            }

            lines.Add(line.ToString().TrimEnd());
        }

        return lines;
    }

    private static double Measure(string text, XFont font) => Measurer.Value!.MeasureString(text, font).Width;

    private static readonly ThreadLocal<XGraphics> Measurer = new(() => XGraphics.CreateMeasureContext(new XSize(A4.Width, A4.Height), XGraphicsUnit.Point, XPageDirection.Downwards));
}

/// <summary>
/// The notice's one font: a TrueType face with Chinese and Latin glyphs (PDFsharp reads TrueType outlines, not the CFF
/// outlines of Noto Sans CJK). Looked for at <c>Notices:FontPath</c>, beside the service (the build copies Debian's
/// WenQuanYi Zen Hei there when the machine has it), then in Debian's font folder. A collection (.ttc) gives its
/// first face, repacked as a font of its own, since PDFsharp reads single fonts only. PDFsharp's resolver is
/// global and set once per process, so every service host in a process shares this one.
/// </summary>
public static class NoticeFont
{
    public const string Family = "RedProperty Notice";

    private static readonly string[] Candidates =
    [
        Path.Combine(AppContext.BaseDirectory, "fonts", "notice.ttc"),
        Path.Combine(AppContext.BaseDirectory, "fonts", "notice.ttf"),
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ];

    private static readonly Resolver Instance = new();
    private static readonly Lock Gate = new();
    private static string? configured;

    /// <summary>The font file in use, or null when none is installed.</summary>
    public static string? FontFile => configured is { } path && File.Exists(path) ? path : Candidates.FirstOrDefault(File.Exists);

    public static void Configure(string? path)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            configured = path;
        }
    }

    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver != Instance)
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    /// <summary>The first face of a TrueType collection as a font file of its own: its table directory with the tables it names, re-offset.</summary>
    public static byte[] FirstFace(byte[] collection)
    {
        if (collection.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(collection) != 0x74746366) // 'ttcf'
        {
            return collection;
        }

        var face = (int)BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(12));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(collection.AsSpan(face + 4));
        var directory = 12 + 16 * tables;
        var records = Enumerable.Range(0, tables).Select(i => face + 12 + 16 * i).ToList();
        var size = directory + records.Sum(r => Align((int)BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(r + 12))));
        var font = new byte[size];
        collection.AsSpan(face, 12).CopyTo(font);
        var at = directory;
        foreach (var (record, i) in records.Select((r, i) => (r, i)))
        {
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(record + 8));
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(record + 12));
            var entry = font.AsSpan(12 + 16 * i, 16);
            collection.AsSpan(record, 16).CopyTo(entry);
            BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)at);
            collection.AsSpan(offset, length).CopyTo(font.AsSpan(at));
            at += Align(length);
        }

        return font;

        static int Align(int length) => (length + 3) & ~3;
    }

    private sealed class Resolver : IFontResolver
    {
        private readonly Lazy<byte[]> bytes = new(() => FirstFace(File.ReadAllBytes(FontFile ?? throw new FileNotFoundException(
            "No CJK font for notices: install Debian's fonts-wqy-zenhei or set Notices:FontPath to a TrueType font (or collection) with Chinese glyphs."))));

        // One face serves every family and style; bold is simulated (the font has no bold face).
        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new("notice", bold, italic);

        public byte[] GetFont(string faceName) => bytes.Value;
    }
}
