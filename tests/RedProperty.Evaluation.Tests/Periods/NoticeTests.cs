using RedProperty.Evaluation.Periods;
using RedProperty.Testing;

namespace RedProperty.Evaluation.Tests.Periods;

/// <summary>The red and black lists' notice (通报): its wording from a period's scores, and the PDF's text as a reader extracts it.</summary>
public sealed class NoticeTests
{
    private static readonly NoticeSettings Settings = new("天水市麦积区住房建设服务中心", "各街道（镇）、社区，各物业服务企业");

    private static CompanyScore Score(string name, decimal total, string grade, int complaints, decimal? rate, ListPlacement? placement, bool serious = false) =>
        new(Guid.CreateVersion7(), name, total, grade, serious, 400, complaints, rate, [], new ScoreEvidence([], [], [], [])) { Placement = placement };

    private static PeriodDetails Period(IReadOnlyList<CompanyScore> red, IReadOnlyList<CompanyScore> black, int revision = 1) =>
        new(Guid.CreateVersion7(), "2022Q2", new DateOnly(2022, 4, 1), new DateOnly(2022, 6, 30), new DateOnly(2022, 7, 20), new DateOnly(2022, 7, 30))
        {
            Revision = revision,
            Scores = [.. red, .. black, Score("天水市麦积区伯阳物业服务有限公司", 85, "B", 0, 0, null)],
            RedList = [.. red.Select(s => s.CompanyId)],
            BlackList = [.. black.Select(s => s.CompanyId)],
            ListsPublishedOn = revision == 1 ? new DateOnly(2022, 7, 20) : new DateOnly(2022, 7, 28),
        };

    [Fact]
    public void The_notice_names_each_company_with_the_rule_that_listed_it_and_the_black_listed_deadlines()
    {
        var red = Score("天水市麦积区红苑物业服务有限公司", 96.5m, "A", 1, 0.25m, new("red", "bestGrade", "grade A"));
        var many = Score("天水市麦积区东岔物业服务有限公司", 73.5m, "C", 14, 3.5m, new("black", "complaintRate", "14 valid owner complaints"));
        var serious = Score("天水市麦积区甘泉物业服务有限公司", 76, "C", 2, 0.5m, new("black", "seriousFinding", "a serious finding"), serious: true);
        var period = Period([red], [serious, many]);

        var text = NoticeText.Compose(period, new Dictionary<Guid, DateOnly> { [many.CompanyId] = new(2022, 8, 19) }, ScoringPolicy.DefaultGrades, Settings);

        Assert.Equal("关于2022年第二季度物业服务企业红黑榜评定结果的通报", text.Title);
        Assert.Contains("根据业主投诉率以及现场抽查检查等情况", text.Introduction[0]);
        Assert.Contains("对全区4家物业服务企业2022年第二季度（2022年4月1日至2022年6月30日）", text.Introduction[0]);
        Assert.Equal("对服务管理规范、业主评价好的1家物业服务企业列入“红榜”，予以通报表扬：", text.RedLead);
        Assert.Equal(["1", "天水市麦积区红苑物业服务有限公司", "96.5", "A（优秀）", "综合评定A（优秀），每百户有效投诉0.25件，抽查无严重问题"], text.Red[0]);
        Assert.Equal("对服务质量差、业主反映多的2家物业服务企业列入“黑榜”，责令限期整改到位：", text.BlackLead);
        // Lowest score first; the complaint rate alone listed the first, with no serious finding.
        Assert.Equal(["1", "天水市麦积区东岔物业服务有限公司", "73.5", "业主反映多：有效投诉14件，每百户有效投诉3.5件", "2022年8月19日"], text.Black[0]);
        Assert.Equal(["2", "天水市麦积区甘泉物业服务有限公司", "76.0", "现场抽查发现严重问题；综合得分76.0分", "另行通知"], text.Black[1]);
        Assert.Contains(text.Requirements, r => r.Contains("可于2022年7月30日前提出书面异议", StringComparison.Ordinal));
        Assert.DoesNotContain(text.Requirements, r => r.Contains("更新", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2022, 7, 20), text.IssuedOn);

        var revised = NoticeText.Compose(Period([red], [serious], revision: 2), new Dictionary<Guid, DateOnly>(), ScoringPolicy.DefaultGrades, Settings);
        Assert.Contains(revised.Requirements, r => r == "本通报根据异议复核结果于2022年7月28日更新（第2版），此前版本同时废止。");
        Assert.Equal("本期无企业列入红榜。", NoticeText.Compose(Period([], [many]), new Dictionary<Guid, DateOnly>(), ScoringPolicy.DefaultGrades, Settings).RedLead);
    }

    [Theory]
    [InlineData("2022Q2", 2022, 4, 6, "2022年第二季度")]
    [InlineData("2022H2", 2022, 7, 12, "2022年下半年")]
    [InlineData("2022-06", 2022, 6, 6, "2022年6月")]
    [InlineData("2022", 2022, 1, 12, "2022年度")]
    public void Periods_are_named_as_the_district_names_them(string code, int year, int from, int to, string label) =>
        Assert.Equal(label, NoticeText.PeriodLabel(code, new DateOnly(year, from, 1), new DateOnly(year, to, 1).AddMonths(1).AddDays(-1)));

    [Fact]
    public async Task The_pdf_reads_back_as_written_and_a_long_black_list_continues_on_the_next_page_under_its_header()
    {
        var black = Enumerable.Range(1, 45).Select(i => Score($"天水市麦积区第{i}物业服务有限公司", 50 + i / 10m, "E", 20, 5, new("black", "worstGrade", "grade E"))).ToList();
        var period = Period([Score("天水市麦积区红苑物业服务有限公司", 96.5m, "A", 0, 0, new("red", "bestGrade", "grade A"))], black);
        var text = NoticeText.Compose(period, black.ToDictionary(b => b.CompanyId, _ => new DateOnly(2022, 8, 19)), ScoringPolicy.DefaultGrades, Settings);

        var pdf = text.Render();

        var read = await PdfText.ReadAsync(pdf);
        Assert.StartsWith("天水市麦积区住房建设服务中心关于2022年第二季度物业服务企业红黑榜评定结果的通报", read);
        Assert.Contains("各街道（镇）、社区，各物业服务企业：", read);
        Assert.Contains("一、红榜（通报表扬）", read);
        Assert.Contains("天水市麦积区红苑物业服务有限公司96.5A（优秀）", read);
        foreach (var company in black)
        {
            Assert.Contains(company.CompanyName, read);
        }

        Assert.Contains("综合评定E（不合格），为最低等级2022年8月19日", read);
        Assert.Contains("（二）对评定结果有异议的企业，可于2022年7月30日前提出书面异议", read);
        var pages = int.Parse(System.Text.RegularExpressions.Regex.Match(read, "第1页共([0-9]+)页").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pages >= 3, $"{pages} pages");
        Assert.EndsWith($"天水市麦积区住房建设服务中心2022年7月20日天水市麦积区住房建设服务中心·2022Q2第{pages}页共{pages}页", read);
        // The table's header is drawn again at the top of each page it continues on.
        Assert.True(read.Split("序号企业名称得分列入原因整改期限").Length - 1 >= pages - 1, read);
    }

    [Fact]
    public void A_line_never_begins_with_closing_punctuation_and_latin_words_stay_whole()
    {
        NoticeFont.Install();
        var font = NoticeDocument.Font(NoticeDocument.Body);
        var text = string.Concat(Enumerable.Repeat("业主反映多，有效投诉，每百户。GD2022041500123号工单、", 12));

        var lines = NoticeDocument.Wrap(text, font, 200);

        Assert.True(lines.Count > 10);
        Assert.Equal(text, string.Concat(lines));
        Assert.All(lines.Skip(1), line => Assert.DoesNotContain(line[0], "，。、；：！？）》」』”’"));
        Assert.Equal(12, lines.Sum(l => l.Split("GD2022041500123").Length - 1));
    }
}
