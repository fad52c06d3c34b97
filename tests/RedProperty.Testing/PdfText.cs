using System.Diagnostics;

namespace RedProperty.Testing;

/// <summary>The text a reader gets from a PDF: poppler's pdftotext (installed by deploy/test.sh), in drawing order, without white space.</summary>
public static class PdfText
{
    public static async Task<string> ReadAsync(byte[] pdf)
    {
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, Math.Min(5, pdf.Length)));
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })
                ?? throw new InvalidOperationException("pdftotext did not start (Debian's poppler-utils; deploy/test.sh installs it)");
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
