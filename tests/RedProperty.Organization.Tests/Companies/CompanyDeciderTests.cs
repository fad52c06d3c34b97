using RedProperty.Organization.Companies;

namespace RedProperty.Organization.Tests.Companies;

/// <summary>Given(events) / When(command) / Then(events), with no database.</summary>
public sealed class CompanyDeciderTests
{
    private static readonly DateTimeOffset Now = new(2022, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid CompanyId = Guid.CreateVersion7(Now);

    private static readonly PropertyCompanyRegistered Registered =
        new(CompanyId, "天水市麦积区红苑物业服务有限公司", "91110000802100433B", "甘肃省天水市麦积区道北街道", Now);

    private static PropertyCompany Given(params object[] events) =>
        events.Skip(1).Aggregate(
            PropertyCompany.Create((PropertyCompanyRegistered)events[0]),
            (state, e) => e switch
            {
                PropertyCompanyDetailsUpdated updated => state.Apply(updated),
                _ => throw new ArgumentException($"unexpected {e.GetType().Name}"),
            });

    [Fact]
    public void Registering_keeps_the_chinese_name_and_stores_the_code_normalised()
    {
        var registered = RegisterCompanyDecider.Decide(
            CompanyId, new RegisterCompany(" 天水市麦积区红苑物业服务有限公司 ", "9144030071526726xg", "甘肃省天水市麦积区桥南街道 "), Now);

        Assert.Equal(new PropertyCompanyRegistered(CompanyId, "天水市麦积区红苑物业服务有限公司", "9144030071526726XG", "甘肃省天水市麦积区桥南街道", Now)
        {
            RegisteredOn = DateOnly.FromDateTime(Now.DateTime),
        }, registered);
    }

    [Fact]
    public void Changing_the_name_records_the_new_name_and_address()
    {
        var later = Now.AddDays(30);
        var events = UpdateCompanyDecider.Decide(Given(Registered), new UpdateCompany("天水红苑物业服务有限公司", "甘肃省天水市麦积区道北街道"), later);

        Assert.Equal([new PropertyCompanyDetailsUpdated(CompanyId, "天水红苑物业服务有限公司", "甘肃省天水市麦积区道北街道", later)], events);
    }

    [Fact]
    public void Repeating_the_current_details_records_nothing()
    {
        var renamed = new PropertyCompanyDetailsUpdated(CompanyId, "天水红苑物业服务有限公司", "甘肃省天水市麦积区花牛镇", Now.AddDays(1));

        var events = UpdateCompanyDecider.Decide(Given(Registered, renamed), new UpdateCompany(" 天水红苑物业服务有限公司", "甘肃省天水市麦积区花牛镇"), Now.AddDays(2));

        Assert.Empty(events);
    }
}
