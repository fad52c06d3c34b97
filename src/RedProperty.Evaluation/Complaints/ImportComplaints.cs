using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using MiniExcelLibs.Csv;
using RedProperty.Evaluation.Places;
using ExcelType = MiniExcelLibs.ExcelType;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace RedProperty.Evaluation.Complaints;

/// <summary>A row of the file that is not filed, and why; the column as the file names it.</summary>
public sealed record RejectedRow(int Row, string? WorkOrder, string Column, string Reason);

/// <summary>A row filed (on a dry run: that would be), or one whose work order was filed before.</summary>
public sealed record ImportedRow(int Row, string WorkOrder, Guid? ComplaintId);

/// <summary>What an import of the hotline's export did, or on a dry run would do, row by row (the header is row 1).</summary>
public sealed record ImportReport(bool DryRun, int Rows, IReadOnlyList<ImportedRow> Filed, IReadOnlyList<ImportedRow> AlreadyFiled, IReadOnlyList<RejectedRow> Rejected);

/// <summary>
/// The 12345 hotline's export (工单导出) as it comes: .xlsx, or .csv in UTF-8 or GB18030 (the charset the
/// Content-Type names, else UTF-8 when the bytes are, else GB18030). Columns are found by the hotline's
/// Chinese headers (or our field names); others are ignored.
/// </summary>
public static class HotlineExport
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Csv = "text/csv";
    public const int MaxRows = 5_000;

    static HotlineExport() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Our field → the headers that name it in an export.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Headers = new Dictionary<string, string[]>
    {
        ["workOrder"] = ["工单编号", "工单号", "workOrder"],
        ["receivedAt"] = ["受理时间", "来电时间", "receivedAt"],
        ["source"] = ["来源渠道", "渠道", "source"],
        ["category"] = ["诉求分类", "问题分类", "category"],
        ["serviceCode"] = ["服务类别", "serviceCode"],
        ["description"] = ["诉求内容", "问题描述", "description"],
        ["estate"] = ["小区", "小区名称", "estate"],
        ["estateId"] = ["小区编号", "estateId"],
        ["address"] = ["事发地址", "地址", "address"],
        ["complainantName"] = ["联系人", "投诉人", "complainantName"],
        ["complainantPhone"] = ["联系电话", "complainantPhone"],
    };

    /// <summary>One row: its number in the file and its cells by our field names (blank cells left out).</summary>
    public sealed record Row(int Number, IReadOnlyDictionary<string, string> Cells, IReadOnlyDictionary<string, string> ColumnNames)
    {
        public string? this[string field] => Cells.GetValueOrDefault(field);

        /// <summary>The column as the file names it.</summary>
        public string Column(string field) => ColumnNames.GetValueOrDefault(field, field);
    }

    public static IReadOnlyList<Row> Read(byte[] body, string? contentType)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed : null;
        using var stream = new MemoryStream(body, writable: false);
        var sheet = mediaType?.MediaType switch
        {
            Xlsx => MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.XLSX),
            Csv or "application/csv" => MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.CSV, configuration: new CsvConfiguration
            {
                StreamReaderFunc = s => new StreamReader(s, EncodingOf(body, mediaType?.CharSet), detectEncodingFromByteOrderMarks: true),
            }),
            _ => throw new InvalidFieldException("Content-Type", $"The hotline's export as {Csv} (UTF-8 or GB18030) or {Xlsx}."),
        };

        var rows = new List<Row>();
        Dictionary<string, string>? columns = null;
        try
        {
            foreach (IDictionary<string, object?> cells in sheet)
            {
                columns ??= ColumnsOf(cells.Keys);
                if (rows.Count == MaxRows)
                {
                    throw new InvalidFieldException("body", $"At most {MaxRows} rows an import; split the export.");
                }

                var values = new Dictionary<string, string>();
                foreach (var (field, header) in columns)
                {
                    if (Text.OrNull(CellText(cells[header])) is { } value)
                    {
                        values[field] = value;
                    }
                }

                if (values.Count > 0)
                {
                    rows.Add(new Row(rows.Count + 2, values, columns));
                }
            }
        }
        catch (Exception e) when (e is not InvalidFieldException)
        {
            throw new InvalidFieldException("body", $"The file cannot be read as {mediaType?.MediaType}: {e.Message}");
        }

        return rows.Count > 0 ? rows : throw new InvalidFieldException("body", "No rows under the header row.");
    }

    private static Dictionary<string, string> ColumnsOf(ICollection<string> headers)
    {
        var columns = new Dictionary<string, string>();
        foreach (var (field, names) in Headers)
        {
            if (headers.FirstOrDefault(h => names.Contains(h.Trim(), StringComparer.OrdinalIgnoreCase)) is { } header)
            {
                columns[field] = header;
            }
        }

        foreach (var required in new[] { "workOrder", "description" })
        {
            if (!columns.ContainsKey(required))
            {
                throw new InvalidFieldException("body", $"No column {Headers[required][0]} ({required}) in the header row.");
            }
        }

        return columns;
    }

    private static string? CellText(object? cell) => cell switch
    {
        null => null,
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };

    // The charset named, else UTF-8 when the bytes are valid UTF-8, else GB18030 (which GBK and GB2312 are part of).
    private static Encoding EncodingOf(byte[] body, string? charset)
    {
        if (Text.OrNull(charset?.Trim('"')) is { } name)
        {
            try
            {
                return name.ToUpperInvariant() is "GBK" or "GB2312" ? Encoding.GetEncoding("GB18030") : Encoding.GetEncoding(name);
            }
            catch (ArgumentException)
            {
                throw new InvalidFieldException("Content-Type", $"Unknown charset '{name}': utf-8 or gb18030.");
            }
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(body);
            return Encoding.UTF8;
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030");
        }
    }

    /// <summary>受理时间 as the hotline writes it, in the district's time unless it names an offset.</summary>
    private static readonly string[] TimeFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy年M月d日 H:mm", "yyyy年M月d日 H时m分"];

    public static DateTimeOffset? ParseTime(string text)
    {
        if (DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, DistrictCalendar.Offset);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && text.Contains('T') ? withOffset : null;
    }

    /// <summary>来源渠道 in the hotline's words.</summary>
    public static ComplaintSource? ParseSource(string? text) => text?.Trim() switch
    {
        null or "" => ComplaintSource.Hotline,
        var t when t.Contains("12345", StringComparison.Ordinal) || t.Contains("热线", StringComparison.Ordinal) => ComplaintSource.Hotline,
        var t when t.Contains("来访", StringComparison.Ordinal) || t.Contains("现场", StringComparison.Ordinal) || t.Contains("窗口", StringComparison.Ordinal) => ComplaintSource.WalkIn,
        var t when t.Contains("APP", StringComparison.OrdinalIgnoreCase) || t.Contains("微信", StringComparison.Ordinal) || t.Contains("小程序", StringComparison.Ordinal)
                   || t.Contains("网站", StringComparison.Ordinal) => ComplaintSource.App,
        var t => Enum.TryParse<ComplaintSource>(t, ignoreCase: true, out var source) && Enum.IsDefined(source) ? source : null,
    };
}

/// <summary>
/// The hotline's category text → ours: <c>Hotline:Categories</c> (text → code) first, then a category whose
/// name the text holds (城乡建设/物业管理/环境卫生 → sanitation), then one of whose keywords it holds.
/// </summary>
public sealed class HotlineCategories(ComplaintCategories categories, IConfiguration configuration)
{
    private readonly Dictionary<string, string> _configured = configuration.GetSection("Hotline:Categories").Get<Dictionary<string, string>>() ?? [];

    public ComplaintCategory? Match(string text) =>
        (_configured.TryGetValue(text.Trim(), out var code) ? categories.Find(code) : null)
        ?? categories.All.FirstOrDefault(c => text.Contains(c.Name, StringComparison.Ordinal))
        ?? categories.All.FirstOrDefault(c => c.Keywords.Any(k => text.Contains(k, StringComparison.Ordinal)));
}

public static class ImportComplaints
{
    // Validator paths → the export's fields, so that a refusal names the file's column.
    private static readonly Dictionary<string, string> FieldOfProperty = new(StringComparer.Ordinal)
    {
        ["ServiceCode"] = "category",
        ["Description"] = "description",
        ["EstateId"] = "estate",
        ["Address"] = "address",
        ["Complainant.Name"] = "complainantName",
        ["Complainant.Phone"] = "complainantPhone",
        ["WorkOrder.Number"] = "workOrder",
        ["WorkOrder.ReceivedAt"] = "receivedAt",
        ["WorkOrder.Source"] = "source",
        ["WorkOrder.Category"] = "category",
    };

    /// <summary>
    /// Files each row as a complaint through the same path as <c>POST /complaints</c> (validation, the decider, one
    /// complaint per work order), each in its own transaction; with <paramref name="dryRun"/>, only reports.
    /// </summary>
    public static async Task<Ok<ImportReport>> Handle(
        HttpContext http, bool? dryRun, IDocumentSession session, IValidator<FileComplaint> validator, HotlineCategories hotlineCategories,
        IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, cancellationToken);
        var rows = HotlineExport.Read(body.ToArray(), http.Request.ContentType);
        var caller = Caller.Of(http.User);
        var scope = ComplaintScope.Of(caller);

        // One read each for the district's estates and the work orders already filed: no query per row.
        var registered = await session.Query<EstateDirectoryEntry>().Where(e => e.Registered).ToListAsync(cancellationToken);
        var estates = new Estates(registered.ToDictionary(e => e.Id), registered.ToLookup(e => e.Name));
        var commands = new List<(HotlineExport.Row Row, FileComplaint Command)>();
        var rejected = new List<RejectedRow>();
        foreach (var row in rows)
        {
            var (command, refusal) = ToCommand(row, estates, hotlineCategories, scope);
            if (command is null)
            {
                rejected.Add(refusal!);
                continue;
            }

            var result = await validator.ValidateAsync(command, cancellationToken);
            if (!result.IsValid)
            {
                rejected.AddRange(result.Errors.Select(e => new RejectedRow(
                    row.Number, row["workOrder"], row.Column(FieldOfProperty.GetValueOrDefault(e.PropertyName, e.PropertyName)), e.ErrorMessage)));
                continue;
            }

            commands.Add((row, command));
        }

        var filedBefore = (await session.LoadManyAsync<ComplaintSubmission>(cancellationToken, commands.Select(c => c.Command.WorkOrder!.SubmissionId()).Distinct()))
            .ToDictionary(s => s.Id, s => s.ComplaintId);
        var firstRow = new Dictionary<string, int>();
        var filed = new List<ImportedRow>();
        var alreadyFiled = new List<ImportedRow>();
        foreach (var (row, command) in commands)
        {
            var key = command.WorkOrder!.SubmissionId();
            if (!firstRow.TryAdd(key, row.Number))
            {
                rejected.Add(new RejectedRow(row.Number, command.WorkOrder.Number, row.Column("workOrder"), $"The same work order as row {firstRow[key]}."));
            }
            else if (filedBefore.TryGetValue(key, out var before))
            {
                alreadyFiled.Add(new ImportedRow(row.Number, command.WorkOrder.Number, before));
            }
            else if (dryRun == true)
            {
                filed.Add(new ImportedRow(row.Number, command.WorkOrder.Number, null));
            }
            else
            {
                // A transaction per row, in a session of its own: a row refused at the last moment leaves the others filed.
                await using var rowScope = scopes.CreateAsyncScope();
                try
                {
                    var (complaint, again) = await ComplaintIntake.FileAsync(
                        command, caller, http, rowScope.ServiceProvider.GetRequiredService<IDocumentSession>(), time, configuration, cancellationToken);
                    (again ? alreadyFiled : filed).Add(new ImportedRow(row.Number, command.WorkOrder.Number, complaint.Id));
                }
                catch (InvalidFieldException e)
                {
                    rejected.Add(new RejectedRow(row.Number, command.WorkOrder.Number, row.Column(e.Field == "estateId" ? "estate" : e.Field), e.Message));
                }
            }
        }

        return TypedResults.Ok(new ImportReport(
            dryRun == true, rows.Count, filed, alreadyFiled, [.. rejected.OrderBy(r => r.Row)]));
    }

    private sealed record Estates(IReadOnlyDictionary<Guid, EstateDirectoryEntry> ById, ILookup<string, EstateDirectoryEntry> ByName);

    // A row as the command, or why it cannot be one.
    private static (FileComplaint? Command, RejectedRow? Refusal) ToCommand(
        HotlineExport.Row row, Estates estates, HotlineCategories categories, ComplaintScope scope)
    {
        (FileComplaint?, RejectedRow?) Reject(string field, string reason) => (null, new RejectedRow(row.Number, row["workOrder"], row.Column(field), reason));

        if (row["workOrder"] is null)
        {
            return Reject("workOrder", "The work order's number is missing.");
        }

        DateTimeOffset? receivedAt = null;
        if (row["receivedAt"] is { } receivedText && (receivedAt = HotlineExport.ParseTime(receivedText)) is null)
        {
            return Reject("receivedAt", $"'{receivedText}' is not a time (yyyy-MM-dd HH:mm:ss).");
        }

        if (HotlineExport.ParseSource(row["source"]) is not { } source)
        {
            return Reject("source", $"'{row["source"]}' is not a channel: 12345热线, APP, 来访 or Open311.");
        }

        var serviceCode = row["serviceCode"];
        if (serviceCode is null)
        {
            if (row["category"] is not { } hotlineCategory)
            {
                return Reject("category", "No category: give the hotline's 诉求分类 or our 服务类别.");
            }

            serviceCode = categories.Match(hotlineCategory)?.Code;
            if (serviceCode is null)
            {
                return Reject("category", $"No complaint category matches '{hotlineCategory}' (map it in Hotline:Categories).");
            }
        }

        Guid? estateId = null;
        if (row["estateId"] is { } idText)
        {
            if (!Guid.TryParse(idText, out var id))
            {
                return Reject("estateId", $"'{idText}' is not an estate id.");
            }

            estateId = id;
        }
        else if (row["estate"] is { } estateName)
        {
            var named = estates.ByName[estateName].Take(2).ToList();
            if (named.Count != 1)
            {
                return Reject("estate", named.Count == 0 ? $"No registered estate is named '{estateName}'." : $"More than one estate is named '{estateName}': give 小区编号.");
            }

            estateId = named[0].Id;
        }

        if (estateId is { } chosen && estates.ById.GetValueOrDefault(chosen) is { } estate && !scope.Reaches(estate))
        {
            return Reject(row["estateId"] is null ? "estate" : "estateId", "The estate is not in your community.");
        }

        var complainant = row["complainantName"] is null && row["complainantPhone"] is null
            ? null
            : new Complainant(row["complainantName"], row["complainantPhone"], null, null);
        return (new FileComplaint(
            serviceCode, row["description"] ?? "", estateId, Address: row["address"], Complainant: complainant,
            WorkOrder: new WorkOrder(row["workOrder"]!, receivedAt, source, row["category"])), null);
    }
}
