using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using RedProperty.Evaluation.Complaints;
using RedProperty.Testing;

namespace RedProperty.Evaluation.Tests.Complaints;

/// <summary>Complaints from the 12345 hotline: work orders dated when the hotline received them, one complaint each, and its exports imported.</summary>
public sealed class HotlineTests(ComplaintsFixture fixture) : IClassFixture<ComplaintsFixture>
{
    private const string Imports = "/api/evaluation/complaints/imports";

    static HotlineTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private ApiClient Admin => fixture.Admin;

    private object Body(string number, DateTimeOffset? receivedAt, string description = "5号楼楼道垃圾三天无人清运") => new
    {
        serviceCode = "sanitation",
        description,
        estateId = fixture.JinxiuGarden,
        complainant = new { name = "李秀英", phone = "13909381234" },
        workOrder = new { number, receivedAt, source = "hotline", category = "城乡建设/物业管理/环境卫生" },
    };

    [Fact]
    public async Task A_work_order_is_dated_when_the_hotline_received_it_and_filed_once()
    {
        var number = $"GD{Guid.NewGuid():N}"[..20];
        var received = fixture.Time.GetUtcNow().AddDays(-12).ToOffset(TimeSpan.FromHours(8));

        var id = await Admin.Create("/api/evaluation/complaints", Body(number, received));
        var complaint = await fixture.Complaint(id);
        Assert.Equal(received, complaint.GetProperty("filedAt").GetDateTimeOffset());
        Assert.Equal(received.AddHours(72), complaint.GetProperty("dueAt").GetDateTimeOffset());
        var workOrder = complaint.GetProperty("workOrder");
        Assert.Equal(number, workOrder.GetProperty("number").GetString());
        Assert.Equal("hotline", workOrder.GetProperty("source").GetString());
        Assert.Equal("城乡建设/物业管理/环境卫生", workOrder.GetProperty("category").GetString());

        // The hotline sends the same order again (a retry, or a later export): the first complaint answers.
        var again = await Admin.Http.PostAsJsonAsync("/api/evaluation/complaints", Body(number, received, "同一工单再次推送"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await ComplaintsFixture.Json(again)).GetProperty("id").GetGuid());
        var listed = await Admin.Get($"/api/evaluation/complaints?workOrder={number}");
        Assert.Equal(1, listed.GetProperty("total").GetInt32());

        // The hotline asks by its number: an index serves it, not a scan of every complaint.
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        var indexes = await session.QueryAsync<string>(
            "select indexdef from pg_indexes where schemaname = ? and tablename = 'mt_doc_complaintdetails'", store.Options.DatabaseSchemaName);
        Assert.Contains(indexes, i => i.Contains("workOrder", StringComparison.OrdinalIgnoreCase) && i.Contains("number", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(1)] // in the future
    [InlineData(-401)] // beyond Complaints:BackdateWindow
    public async Task A_receipt_time_outside_the_window_is_400_naming_it(int days)
    {
        var response = await Admin.Http.PostAsJsonAsync("/api/evaluation/complaints", Body("GD2026110200001", fixture.Time.GetUtcNow().AddDays(days)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ComplaintsFixture.Json(response)).GetProperty("errors").TryGetProperty("workOrder.receivedAt", out _));
    }

    [Fact]
    public async Task A_GB18030_export_is_reported_on_a_dry_run_then_filed_once()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var csv = string.Join("\r\n",
            "工单编号,受理时间,来源渠道,诉求分类,诉求内容,小区,联系人,联系电话",
            $"{prefix}-01,2026-10-20 08:15:00,12345热线,城乡建设/物业管理/环境卫生,5号楼楼道垃圾无人清运,锦绣花园,李秀英,13909381234",
            $"{prefix}-02,2026/10/21 10:00,12345热线,城乡建设/物业管理/电梯故障,3号楼电梯停运两天无人维修,桥南小区,赵桂兰,13919381234",
            $"{prefix}-03,2026-10-22 09:00:00,12345热线,城乡建设/物业管理/环境卫生,楼道堆放杂物,不存在的小区,,",
            $"{prefix}-01,2026-10-20 08:15:00,12345热线,城乡建设/物业管理/环境卫生,重复的工单,锦绣花园,,",
            $"{prefix}-04,昨天上午,12345热线,城乡建设/物业管理/环境卫生,楼道灯不亮,锦绣花园,,",
            $"{prefix}-05,2026-10-23 14:30:00,12345热线,供暖/集中供热,暖气不热,锦绣花园,,");
        var file = Encoding.GetEncoding("GB18030").GetBytes(csv);

        var dryRun = await ImportAsync(file, "text/csv", dryRun: true);
        Assert.True(dryRun.GetProperty("dryRun").GetBoolean());
        Assert.Equal(6, dryRun.GetProperty("rows").GetInt32());
        Assert.Equal([2, 3], Rows(dryRun, "filed"));
        Assert.All(dryRun.GetProperty("filed").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("complaintId").ValueKind));
        var rejected = dryRun.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt32(), r => r.GetProperty("column").GetString());
        Assert.Equal(new Dictionary<int, string?> { [4] = "小区", [5] = "工单编号", [6] = "受理时间", [7] = "诉求分类" }, rejected);
        Assert.Equal(0, (await Admin.Get($"/api/evaluation/complaints?workOrder={prefix}-01")).GetProperty("total").GetInt32());

        var imported = await ImportAsync(file, "text/csv", dryRun: false);
        Assert.Equal([2, 3], Rows(imported, "filed"));
        var first = await fixture.Complaint(imported.GetProperty("filed")[0].GetProperty("complaintId").GetGuid());
        Assert.Equal(new DateTimeOffset(2026, 10, 20, 8, 15, 0, TimeSpan.FromHours(8)), first.GetProperty("filedAt").GetDateTimeOffset());
        Assert.Equal("sanitation", first.GetProperty("serviceCode").GetString());
        Assert.Equal(fixture.Hongyuan, first.GetProperty("companyId").GetGuid());
        Assert.Equal("李**", first.GetProperty("complainantMasked").GetString());
        var second = await fixture.Complaint(imported.GetProperty("filed")[1].GetProperty("complaintId").GetGuid());
        Assert.Equal("repairs", second.GetProperty("serviceCode").GetString());
        Assert.Equal(fixture.JinxiuCompany, second.GetProperty("companyId").GetGuid());

        var repeated = await ImportAsync(file, "text/csv", dryRun: false);
        Assert.Empty(Rows(repeated, "filed"));
        Assert.Equal([2, 3], Rows(repeated, "alreadyFiled"));
    }

    [Fact]
    public async Task An_xlsx_export_is_filed_and_a_file_without_the_columns_is_400()
    {
        var number = $"XL{Guid.NewGuid():N}"[..16];
        using var sheet = new MemoryStream();
        await sheet.SaveAsAsync(new[]
        {
            new Dictionary<string, object?>
            {
                ["工单编号"] = number, ["受理时间"] = new DateTime(2026, 10, 25, 16, 40, 0), ["来源渠道"] = "来访",
                ["诉求分类"] = "物业管理/停车", ["诉求内容"] = "小区内乱停车堵塞消防通道", ["小区"] = "锦绣花园",
            },
        });

        var imported = await ImportAsync(sheet.ToArray(), HotlineExport.Xlsx, dryRun: false);
        var complaint = await fixture.Complaint(imported.GetProperty("filed")[0].GetProperty("complaintId").GetGuid());
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 16, 40, 0, TimeSpan.FromHours(8)), complaint.GetProperty("filedAt").GetDateTimeOffset());
        Assert.Equal("parking", complaint.GetProperty("serviceCode").GetString());
        Assert.Equal("walkIn", complaint.GetProperty("workOrder").GetProperty("source").GetString());

        using var noColumns = new ByteArrayContent(Encoding.UTF8.GetBytes("编号,内容\r\n1,楼道脏\r\n"));
        noColumns.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var refused = await Admin.Http.PostAsync(Imports, noColumns);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await ComplaintsFixture.Json(refused)).GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task A_quarter_s_export_larger_than_the_general_body_limit_is_read()
    {
        var lines = Enumerable.Range(1, 1_500).Select(i =>
            $"BIG{i:D5},2026-10-{1 + (i % 28):D2} 09:{i % 60:D2}:00,12345热线,城乡建设/物业管理/环境卫生,{new string('楼', 150)}{i},锦绣花园");
        var file = Encoding.UTF8.GetBytes(string.Join("\r\n", lines.Prepend("工单编号,受理时间,来源渠道,诉求分类,诉求内容,小区")));
        Assert.True(file.Length > RequestBodyLimit.DefaultMaxBytes);

        var report = await ImportAsync(file, "text/csv; charset=utf-8", dryRun: true);

        Assert.Equal(1_500, report.GetProperty("filed").GetArrayLength());
        Assert.Empty(report.GetProperty("rejected").EnumerateArray());
    }

    private async Task<JsonElement> ImportAsync(byte[] file, string contentType, bool dryRun)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await Admin.Http.PostAsync($"{Imports}?dryRun={(dryRun ? "true" : "false")}", content);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ComplaintsFixture.Json(response);
    }

    private static int[] Rows(JsonElement report, string list) => [.. report.GetProperty(list).EnumerateArray().Select(r => r.GetProperty("row").GetInt32())];
}
