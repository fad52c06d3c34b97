namespace RedProperty.Testing;

/// <summary>The Organization API as a test drives it: creates assert 201, changes carry If-Match.</summary>
public sealed class OrganizationClient(HttpClient client) : ApiClient(client)
{
    public async Task<Guid> Company(string name = "天水市麦积区红苑物业服务有限公司", string? registeredOn = null) =>
        await Create("/api/organization/companies", new { name, creditCode = CreditCodes.Next(), address = "甘肃省天水市麦积区道北街道", registeredOn });

    public Task<Guid> Member(
        Guid companyId, string name = "李红梅", string via = "hired", string stage = "full", string? admittedOn = "2012-07-01",
        string companyRole = "staff", string? nationalId = null, string? joinedOn = null) =>
        Create("/api/organization/members", new { companyId, name, position = "项目经理", via, stage, admittedOn, companyRole, nationalId = nationalId ?? NationalIds.Next(), joinedOn });

    private readonly Dictionary<string, Guid> _places = [];

    /// <summary>The id of a community <see cref="Serve"/> registered.</summary>
    public Guid CommunityId(string name) => _places[name];

    /// <summary>A second community of the same name, in another sub-district, as names repeat across the district.</summary>
    public async Task<Guid> Namesake(string community) =>
        await Create("/api/organization/communities", new
        {
            name = community,
            subDistrictId = await Create("/api/organization/sub-districts", new { name = $"桥南街道{Guid.NewGuid():N}"[..12], kind = "subDistrict" }),
        });

    /// <summary>The company serves a new estate in <paramref name="community"/> (registered once, in 道北街道) from <paramref name="from"/>; returns the estate.</summary>
    public async Task<Guid> Serve(Guid companyId, string estate, string community, int households, string from = "2020-01-01", string? to = null)
    {
        if (!_places.TryGetValue("道北街道", out var subDistrict))
        {
            subDistrict = _places["道北街道"] = await Create("/api/organization/sub-districts", new { name = $"道北街道{Guid.NewGuid():N}"[..12], kind = "subDistrict" });
        }

        if (!_places.TryGetValue(community, out var communityId))
        {
            communityId = _places[community] = await Create("/api/organization/communities", new { name = community, subDistrictId = subDistrict });
        }

        var id = await Create("/api/organization/estates", new { name = $"{estate}{Guid.NewGuid():N}"[..(estate.Length + 6)], communityId, households });
        await Change($"/api/organization/estates/{id}/service-contracts", new { companyId, from, to }, 1);
        return id;
    }

    public Task<Guid> Branch(string kind, params Guid[] companyIds) =>
        Create("/api/organization/branches", new { name = "麦积区物业党支部", kind, companyIds, plannedOn = "2022-01-10" });

    /// <summary>The report's organisation figures, entered today and dated 2022 as they happened: 81 party members
    /// in 12 companies, 5 branches established and 7 companies forming, 38 instructors, 8 zones and 12 posts
    /// (with an applicant and a member who left on 2022-06-30, neither counted).</summary>
    public async Task<OrganizationSeed> SeedAsync()
    {
        // Entered today, dated 2022 as they happened. 12 companies with 81 party members between them (81 = 9×7 + 3×6).
        var companies = new List<Guid>();
        var firstMembers = new List<Guid>();
        for (var c = 0; c < 12; c++)
        {
            var company = await Company($"天水市麦积区第{c + 1}物业服务有限公司", registeredOn: "2022-03-15");
            companies.Add(company);
            for (var m = 0; m < (c < 9 ? 7 : 6); m++)
            {
                var member = await Member(company, $"党员{c + 1}-{m + 1}", via: m % 3 == 0 ? "relationTransferredIn" : "hired",
                    stage: m == 5 ? "probationary" : "full", admittedOn: m == 5 ? "2022-01-01" : "2010-07-01", joinedOn: "2022-03-20");
                if (m == 0)
                {
                    firstMembers.Add(member);
                }
            }
        }

        // An applicant and a member who left are not counted.
        await Member(companies[0], "申请人", via: "developed", stage: "applicant", admittedOn: null, joinedOn: "2022-03-20");
        var leaver = await Member(companies[0], "离开者", joinedOn: "2022-03-20");
        await Change($"/api/organization/members/{leaver}/departure", new { reason = "调离", leftOn = "2022-06-30" }, 1);

        // 5 standalone branches established; the other 7 companies: 3 standalone and 2 joint (2 each) forming.
        for (var c = 0; c < 5; c++)
        {
            var branch = await Branch("standalone", companies[c]);
            await Change($"/api/organization/branches/{branch}/establishment", new { approvedOn = "2022-05-01", secretaryMemberId = firstMembers[c] }, 1);
        }

        var forming = new List<Guid>();
        foreach (var group in new[] { new[] { companies[5] }, [companies[6]], [companies[7]], [companies[8], companies[9]], [companies[10], companies[11]] })
        {
            var branch = await Branch(group.Length == 1 ? "standalone" : "joint", group);
            forming.Add(branch);
            await Change($"/api/organization/branches/{branch}/status-changes", new { step = "startForming", on = "2022-06-01" }, 1);
        }

        for (var i = 0; i < 38; i++)
        {
            await Create("/api/organization/instructors", new { name = $"指导员{i + 1}", source = i % 2 == 0 ? "dispatchedByIndustry" : "selectedByCommunity", appointedOn = "2022-03-01" });
        }

        var estates = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            estates.Add(await Serve(companies[i], $"麦积区第{i + 1}小区", "北道埠社区", 200 + i));
        }

        for (var i = 0; i < 8; i++)
        {
            await Create("/api/organization/responsibility-zones", new { estateId = estates[i], buildings = new[] { "1号楼", "2号楼" }, memberIds = new[] { firstMembers[i] }, designatedOn = "2022-06-15" });
        }

        for (var i = 0; i < 12; i++)
        {
            await Create("/api/organization/pioneer-posts", new { post = "物业服务先锋岗", memberId = firstMembers[i], estateId = estates[i], designatedOn = "2022-06-15" });
        }

        return new OrganizationSeed(companies, firstMembers, forming, estates);
    }
}

public sealed record OrganizationSeed(IReadOnlyList<Guid> Companies, IReadOnlyList<Guid> FirstMembers, IReadOnlyList<Guid> Forming, IReadOnlyList<Guid> Estates);
