using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Net.Http.Headers;
using PdfSharp.Drawing;
using RedProperty.Evaluation.Rectifications;

namespace RedProperty.Evaluation.Periods;

/// <summary>
/// The red and black lists of a closed period as the district issues them: a notice (通报) on A4, under the
/// issuer's red heading, naming the companies, the rule that listed each, and the black-listed companies'
/// rectification deadlines. Public, as the lists themselves are; it holds no personal data.
/// </summary>
/// <param name="Issuer"><c>Notices:Issuer</c>, the body that publishes the lists (default 天水市麦积区住房建设服务中心).</param>
/// <param name="Addressees"><c>Notices:Addressees</c>, whom the notice is sent to.</param>
public sealed record NoticeSettings(string Issuer, string Addressees)
{
    public static NoticeSettings From(IConfiguration configuration) => new(
        configuration["Notices:Issuer"] ?? "天水市麦积区住房建设服务中心",
        configuration["Notices:Addressees"] ?? "各街道（镇）、社区，各物业服务企业");
}

/// <summary>What the notice says, apart from how it is drawn: pure, so its wording is tested without a PDF.</summary>
public sealed record NoticeText(
    string Title, string Addressees, IReadOnlyList<string> Introduction,
    string RedHeading, string RedLead, IReadOnlyList<IReadOnlyList<string>> Red,
    string BlackHeading, string BlackLead, IReadOnlyList<IReadOnlyList<string>> Black,
    string RequirementsHeading, IReadOnlyList<string> Requirements, string Issuer, DateOnly IssuedOn, string Footer)
{
    public static readonly (string, double, bool)[] RedColumns = [("序号", 0.7, true), ("企业名称", 4, false), ("得分", 0.9, true), ("等级", 1.2, true), ("列入依据", 3.2, false)];

    public static readonly (string, double, bool)[] BlackColumns = [("序号", 0.7, true), ("企业名称", 4, false), ("得分", 0.9, true), ("列入原因", 2.3, false), ("整改期限", 2.1, true)];

    public static NoticeText Compose(PeriodDetails period, IReadOnlyDictionary<Guid, DateOnly> deadlines, IReadOnlyList<GradeBand> grades, NoticeSettings settings)
    {
        var label = PeriodLabel(period.Period, period.From, period.To);
        var scores = period.Scores.ToDictionary(s => s.CompanyId);
        var red = period.RedList.Where(scores.ContainsKey).Select(id => scores[id]).OrderByDescending(s => s.Total).ToList();
        var black = period.BlackList.Where(scores.ContainsKey).Select(id => scores[id]).OrderBy(s => s.Total).ToList();
        string Name(string grade) => grades.FirstOrDefault(g => g.Grade == grade)?.Name is { } name ? $"{grade}（{name}）" : grade;

        List<string> requirements =
        [
            $"列入黑榜的物业服务企业须在整改期限内整改到位，并将整改情况书面报告{settings.Issuer}；逾期未整改到位的，依次予以黄牌警告、约谈企业负责人。",
            $"对评定结果有异议的企业，可于{Day(period.ObjectionsUntil)}前提出书面异议，并列明不应计入的投诉或抽查记录。",
            "各物业服务企业要以红榜企业为标杆，坚持党建引领，变“散乱化”为“规范化”，不断提升物业服务质量。",
        ];
        if (period.Revision > 1)
        {
            requirements.Add($"本通报根据异议复核结果于{Day(period.ListsPublishedOn)}更新（第{period.Revision}版），此前版本同时废止。");
        }

        return new NoticeText(
            $"关于{label}物业服务企业红黑榜评定结果的通报",
            settings.Addressees + "：",
            [$"为推动物业服务质量提升，根据业主投诉率以及现场抽查检查等情况，{settings.Issuer}对全区{period.Scores.Count}家物业服务企业{label}（{Day(period.From)}至{Day(period.To)}）的服务质量进行了综合评定。现将评定结果通报如下："],
            "一、红榜（通报表扬）",
            red.Count == 0 ? "本期无企业列入红榜。" : $"对服务管理规范、业主评价好的{red.Count}家物业服务企业列入“红榜”，予以通报表扬：",
            [.. red.Select((s, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), s.CompanyName, Total(s.Total), Name(s.Grade), Reason(s, Name)])],
            "二、黑榜（责令限期整改）",
            black.Count == 0 ? "本期无企业列入黑榜。" : $"对服务质量差、业主反映多的{black.Count}家物业服务企业列入“黑榜”，责令限期整改到位：",
            [.. black.Select((s, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), s.CompanyName, Total(s.Total), Reason(s, Name),
                deadlines.TryGetValue(s.CompanyId, out var deadline) ? Day(deadline) : "另行通知"])],
            "三、有关要求",
            requirements,
            settings.Issuer,
            period.ListsPublishedOn,
            $"{settings.Issuer} · {period.Period}");
    }

    /// <summary>Why the company is on its list, in the notice's words (the English basis is in the period's scores).</summary>
    private static string Reason(CompanyScore score, Func<string, string> grade)
    {
        var rate = score.ComplaintRate is { } r ? $"每百户有效投诉{Points(r)}件" : "无服务户数";
        return score.Placement?.Rule switch
        {
            "seriousFinding" => $"现场抽查发现严重问题；综合得分{Total(score.Total)}分",
            "complaintRate" => $"业主反映多：有效投诉{score.ValidComplaints}件，{rate}",
            "worstGrade" => $"综合评定{grade(score.Grade)}，为最低等级",
            "bestGrade" => $"综合评定{grade(score.Grade)}，{rate}，抽查无严重问题",
            _ => score.SeriousBreach ? "现场抽查发现严重问题" : $"综合评定{grade(score.Grade)}",
        };
    }

    private static string Points(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    // A score as the period gives it: one decimal.
    private static string Total(decimal value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";

    public static string PeriodLabel(string code, DateOnly from, DateOnly to) => (to.DayNumber - from.DayNumber) switch
    {
        < 32 => $"{from.Year}年{from.Month}月",
        < 93 => $"{from.Year}年第{"一二三四"[(from.Month - 1) / 3]}季度",
        < 185 => $"{from.Year}年{(from.Month == 1 ? "上" : "下")}半年",
        _ => code.Length == 4 ? $"{from.Year}年度" : code,
    };

    /// <summary>Draws the notice: red heading and rule, title, body, the two tables, requirements, issuer and date.</summary>
    public byte[] Render()
    {
        using var pdf = new NoticeDocument(Title, Issuer, Footer, IssuedOn);
        var heading = XColor.FromArgb(200, 16, 46); // the red of a red-headed document (红头)
        var red = new XSolidBrush(heading);
        var body = NoticeDocument.Font(NoticeDocument.Body);
        var bodyBold = NoticeDocument.Font(NoticeDocument.Body, bold: true);
        var cell = NoticeDocument.Font(10.5); // 五号, a table's size
        var cellBold = NoticeDocument.Font(10.5, bold: true);

        pdf.Centered(Issuer, NoticeDocument.Font(26, bold: true), red, after: 6);
        pdf.Rule(heading, 2, after: 18);
        pdf.Centered(Title, NoticeDocument.Font(20, bold: true), after: 14);
        pdf.Paragraph(Addressees, body, indent: false);
        foreach (var paragraph in Introduction)
        {
            pdf.Paragraph(paragraph, body);
        }

        pdf.Paragraph(RedHeading, bodyBold);
        pdf.Paragraph(RedLead, body);
        if (Red.Count > 0)
        {
            pdf.Table(RedColumns, Red, cell, cellBold);
        }

        pdf.Paragraph(BlackHeading, bodyBold);
        pdf.Paragraph(BlackLead, body);
        if (Black.Count > 0)
        {
            pdf.Table(BlackColumns, Black, cell, cellBold);
        }

        pdf.Paragraph(RequirementsHeading, bodyBold);
        for (var i = 0; i < Requirements.Count; i++)
        {
            pdf.Paragraph($"（{"一二三四五"[i]}）{Requirements[i]}", body);
        }

        pdf.Space(28);
        pdf.RightAligned(Issuer, body);
        pdf.RightAligned(Day(IssuedOn), body);
        return pdf.ToPdf();
    }
}

/// <summary>
/// Rendered notices, one per period, kept while the period's version stands (a closed period changes only by an
/// upheld objection). One render at a time: renders are rare, and PDFsharp's font cache is process-wide.
/// </summary>
public sealed class RenderedNotices : IDisposable
{
    private readonly ConcurrentDictionary<Guid, (long Version, byte[] Pdf)> _rendered = new();
    private readonly SemaphoreSlim _rendering = new(1, 1);

    public async Task<(long Version, byte[] Pdf)> GetAsync(PeriodDetails period, Func<Task<NoticeText>> compose, CancellationToken cancellationToken)
    {
        if (_rendered.TryGetValue(period.Id, out var kept) && kept.Version == period.Version)
        {
            return kept;
        }

        await _rendering.WaitAsync(cancellationToken);
        try
        {
            if (!_rendered.TryGetValue(period.Id, out kept) || kept.Version != period.Version)
            {
                kept = (period.Version, (await compose()).Render());
                _rendered[period.Id] = kept;
            }

            return kept;
        }
        finally
        {
            _rendering.Release();
        }
    }

    public void Dispose() => _rendering.Dispose();
}

public static class PeriodNoticeEndpoint
{
    public static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> Handle(
        string period, IQuerySession session, ScoringPolicy policy, IConfiguration configuration, RenderedNotices notices, CancellationToken cancellationToken)
    {
        var code = PeriodCode.Parse(period);
        if (await session.LoadAsync<PeriodDetails>(code.StreamId, cancellationToken) is not { } details)
        {
            return TypedResults.NotFound();
        }

        if (NoticeFont.FontFile is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No font for notices",
                detail: "The service has no CJK font to draw the notice with: install Debian's fonts-wqy-zenhei or set Notices:FontPath.");
        }

        var rendered = await notices.GetAsync(details, async () =>
        {
            var deadlines = await session.Query<RectificationDetails>()
                .Where(r => r.Source == RectificationSource.BlackList && r.SourceId == details.Id)
                .ToListAsync(cancellationToken);
            return NoticeText.Compose(details, deadlines.GroupBy(d => d.CompanyId).ToDictionary(g => g.Key, g => g.Max(d => d.Deadline)), policy.Grades, NoticeSettings.From(configuration));
        }, cancellationToken);

        return TypedResults.File(rendered.Pdf, "application/pdf", $"红黑榜通报-{code.Code}.pdf",
            entityTag: new EntityTagHeaderValue($"\"{rendered.Version}\""));
    }
}
