using CsvHelper;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>One page of a ledger, with what it was computed as of.</summary>
public sealed record LedgerPage<T>(DateTimeOffset AsOf, int Page, int PageSize, int Total, IReadOnlyList<T> Items);

/// <summary>
/// Ledger responses: JSON pages (<c>page</c>, <c>pageSize</c> ≤ 500), or the whole ledger as CSV when
/// asked with <c>Accept: text/csv</c> or <c>format=csv</c> — UTF-8 with a byte-order mark, so that
/// spreadsheet programs on the district's desktops show the Chinese text.
/// </summary>
public static class Ledger
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static IResult Respond<T>(HttpRequest request, IReadOnlyList<T> rows, DateTimeOffset asOf, int? page, int? pageSize, string fileName)
    {
        if (WantsCsv(request))
        {
            return new CsvResult<T>(rows, fileName);
        }

        var (number, size) = Paging(page, pageSize);
        return TypedResults.Ok(new LedgerPage<T>(asOf, number, size, rows.Count, rows.Skip((number - 1) * size).Take(size).ToList()));
    }

    /// <summary>The page asked for, checked: 400 naming <c>page</c> or <c>pageSize</c> outside 1… and 1…500.</summary>
    public static (int Page, int PageSize) Paging(int? page, int? pageSize)
    {
        var size = pageSize ?? DefaultPageSize;
        var number = page ?? 1;
        if (size is < 1 or > MaxPageSize)
        {
            throw new InvalidFieldException("pageSize", $"Between 1 and {MaxPageSize}.");
        }

        if (number < 1)
        {
            throw new InvalidFieldException("page", "Pages start at 1.");
        }

        return (number, size);
    }

    private static bool WantsCsv(HttpRequest request) =>
        string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase)
        || request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    private sealed class CsvResult<T>(IReadOnlyList<T> rows, string fileName) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"{fileName}.csv\"";
            // Escape cells that a spreadsheet would run as formulas (=, +, -, @).
            // The writer is synchronous; a ledger is small, so write it to memory and send that.
            using var buffer = new MemoryStream();
            await using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
            {
                csv.WriteRecords(rows);
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(response.Body, httpContext.RequestAborted);
        }
    }
}
