using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Primitives;
using RedProperty.Evaluation.Complaints;
using RedProperty.Evaluation.Places;

namespace RedProperty.Evaluation.Open311;

/// <summary>Open311's names for the fields of <see cref="FileComplaint"/>, so a refusal names what the client sent.</summary>
public static class Open311Fields
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["serviceCode"] = "service_code",
        ["estateId"] = "address_id",
        ["companyId"] = "company_id",
        ["address"] = "address_string",
        ["latitude"] = "lat",
        ["longitude"] = "long",
        ["mediaUrl"] = "media_url",
        ["complainant.Name"] = "first_name",
        ["complainant.Phone"] = "phone",
        ["complainant.Email"] = "email",
        ["complainant.DeviceId"] = "device_id",
        ["pageSize"] = "page_size",
    };

    public static string ToOpen311(string field) =>
        Names.TryGetValue(field, out var name) ? name
        : field.StartsWith("attributes.", StringComparison.OrdinalIgnoreCase) ? $"attribute[{field["attributes.".Length..]}]"
        : System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(field);
}

/// <summary>
/// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) at <c>/open311/v2</c>: the complaint
/// categories as services, complaints as service requests, JSON or XML by the path's extension.
/// Answers are synchronous (<c>service_request_id</c> at once), so there are no tokens.
/// </summary>
public static class Open311Api
{
    private static readonly string[] Readers = [Roles.ComplaintClient, Roles.CommunityStaff, Roles.CompanyUser, Roles.Inspector, Roles.Auditor];

    public static IEndpointRouteBuilder MapOpen311Api(this IEndpointRouteBuilder app)
    {
        var open311 = app.MapGroup("/open311/v2").WithTags("Open311 GeoReport v2");

        open311.MapGet("/services.{format}", (string format, ComplaintCategories categories) =>
                !Open311Formats.IsKnown(format) ? NotFound(format)
                : new Open311Result(format, "services", "service", [.. categories.All.Select(Service)]))
            .AllowAnonymous().WithName("Open311Services")
            .WithSummary("The complaint categories (Open311 service list); no key needed");

        open311.MapGet("/services/{code}.{format}", (string code, string format, ComplaintCategories categories) =>
                !Open311Formats.IsKnown(format) ? NotFound(format)
                : categories.Find(code) is not { } category ? Open311Formats.Errors(format, StatusCodes.Status404NotFound, $"No service_code '{code}'.")
                : new Open311Result(format, "service_definition", "", [Definition(category)], oneObject: true))
            .AllowAnonymous().WithName("Open311ServiceDefinition")
            .WithSummary("A category's questions (Open311 service definition); no key needed");

        open311.MapPost("/requests.{format}", PostRequest)
            .WithIdempotency()
            .ForRoles(Roles.ComplaintClient, Roles.CommunityStaff).WithName("Open311PostRequest")
            .WithSummary("File a complaint (form-encoded as the spec says; api_key in the form, the query or X-Api-Key)")
            .WithDescription("address_id is the estate's id; else lat and long, or address_string. description up to 4,000 characters; " +
                "attribute[code] answers the category's questions. The same device_id with the same fields on the same day files once.")
            .DisableAntiforgery();

        open311.MapGet("/requests.{format}", GetRequests)
            .ForRoles(Readers).WithName("Open311GetRequests")
            .WithSummary("Complaints without personal data: service_request_id (comma-separated), service_code, status (open|closed), start_date, end_date, page, page_size")
            .WithDescription("Without dates, the last 90 days. A complaint client sees the complaints it filed.");

        open311.MapGet("/requests/{id}.{format}", GetRequest)
            .ForRoles(Readers).WithName("Open311GetRequest")
            .WithSummary("One complaint without personal data (a list of one, as the spec says)");

        return app;
    }

    private static Open311Result NotFound(string format) =>
        Open311Formats.Errors("json", StatusCodes.Status404NotFound, $"Unknown format '{format}': json or xml.");

    private static Open311Element Service(ComplaintCategory c) => new Open311Element()
        .Add("service_code", c.Code).Add("service_name", c.Name).Add("description", c.Description)
        .Add("metadata", c.HasAttributes).Add("type", "realtime").Add("keywords", string.Join(',', c.Keywords)).Add("group", c.Group);

    private static Open311Element Definition(ComplaintCategory c) => new Open311Element()
        .Add("service_code", c.Code)
        .Add("attributes", new Open311List("attribute", [.. c.Attributes.Select(a => new Open311Element()
            .Add("variable", true).Add("code", a.Code).Add("datatype", a.Datatype).Add("required", a.Required)
            .Add("datatype_description", a.Values is { Count: > 0 } ? "请选择一项" : null).Add("order", a.Order).Add("description", a.Description)
            .Add("values", new Open311List("value", [.. (a.Values ?? []).Select(v => new Open311Element().Add("key", v.Key).Add("name", v.Name))])))]));

    private static async Task<IResult> PostRequest(
        string format, HttpContext http, IDocumentSession session, TimeProvider time, IConfiguration configuration,
        IValidator<FileComplaint> validator, CancellationToken cancellationToken)
    {
        if (!Open311Formats.IsKnown(format))
        {
            return NotFound(format);
        }

        if (!http.Request.HasFormContentType)
        {
            return Open311Formats.Errors(format, StatusCodes.Status400BadRequest, "Send the request form-encoded (application/x-www-form-urlencoded).");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (!TryRead(form, out var command, out var unreadable))
        {
            return Open311Formats.Errors(format, StatusCodes.Status400BadRequest, unreadable);
        }

        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return Open311Formats.Errors(format, StatusCodes.Status400BadRequest,
                [.. validation.Errors.Select(e => $"{Open311Fields.ToOpen311(e.PropertyName)}: {e.ErrorMessage}")]);
        }

        var (complaint, again) = await ComplaintIntake.FileAsync(command, Caller.Of(http.User), http, session, time, configuration, cancellationToken);
        var created = new Open311Element()
            .Add("service_request_id", complaint.Id.ToString())
            .Add("service_notice", $"已受理，{complaint.DueAt.ToOffset(DistrictCalendar.Offset):yyyy-MM-dd HH:mm} 前处理。")
            .Add("account_id", null);
        return new Open311Result(format, "service_requests", "request", [created], again ? StatusCodes.Status200OK : StatusCodes.Status201Created)
        {
            Location = $"/open311/v2/requests/{complaint.Id}.{format}",
        };
    }

    /// <summary>Open311's form fields as a <see cref="FileComplaint"/>; false with the reason when a value cannot be read.</summary>
    public static bool TryRead(IFormCollection form, out FileComplaint command, out string unreadable)
    {
        command = null!;
        unreadable = "";
        if (form.FirstOrDefault(f => Text.Unprintable(f.Value.ToString()) is not null) is { Key: { } refused } field)
        {
            unreadable = $"{refused}: the text holds a control character ({Text.Unprintable(field.Value.ToString())}).";
            return false;
        }

        Guid? estate = null;
        if (Value(form, "address_id") is { } addressId)
        {
            if (!Guid.TryParse(addressId, out var id))
            {
                unreadable = "address_id: the id of an estate of the district's registry.";
                return false;
            }

            estate = id;
        }

        double? lat = null, lng = null;
        if (Value(form, "lat") is { } latText)
        {
            if (!double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
            {
                unreadable = "lat: a decimal latitude (WGS-84).";
                return false;
            }

            lat = parsed;
        }

        if (Value(form, "long") is { } longText)
        {
            if (!double.TryParse(longText, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
            {
                unreadable = "long: a decimal longitude (WGS-84).";
                return false;
            }

            lng = parsed;
        }

        // attribute[code]=value, and attribute[code][]=a&attribute[code][]=b for multivaluelist.
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in form.Where(f => f.Key.StartsWith("attribute[", StringComparison.Ordinal)))
        {
            var code = key["attribute[".Length..].Replace("[]", "", StringComparison.Ordinal).TrimEnd(']');
            attributes[code] = attributes.TryGetValue(code, out var earlier) ? $"{earlier},{values}" : values.ToString();
        }

        // Chinese names are written family name first.
        var name = Text.OrNull($"{Value(form, "last_name")}{Value(form, "first_name")}");
        command = new FileComplaint(
            Value(form, "service_code") ?? "", Value(form, "description") ?? "", estate, null, Value(form, "address_string"), lat, lng,
            new Complainant(name, Value(form, "phone"), Value(form, "email"), Value(form, "device_id")),
            attributes, Value(form, "media_url"));
        return true;
    }

    private static string? Value(IFormCollection form, string key) => form.TryGetValue(key, out var value) ? Text.OrNull(value.ToString()) : null;

    private static async Task<IResult> GetRequests(
        string format, ClaimsPrincipal user, IQuerySession session, TimeProvider time, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!Open311Formats.IsKnown(format))
        {
            return NotFound(format);
        }

        var query = request.Query;
        var ids = new List<Guid>();
        foreach (var id in query["service_request_id"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Guid.TryParse(id, out var parsed))
            {
                return Open311Formats.Errors(format, StatusCodes.Status400BadRequest, $"service_request_id: '{id}' is not a request id.");
            }

            ids.Add(parsed);
        }

        if (ids.Count > ComplaintQueries.MaxIds)
        {
            return Open311Formats.Errors(format, StatusCodes.Status400BadRequest, $"service_request_id: at most {ComplaintQueries.MaxIds} ids.");
        }

        var status = query["status"].ToString();
        if (status is not ("" or "open" or "closed"))
        {
            return Open311Formats.Errors(format, StatusCodes.Status400BadRequest, "status: open or closed.");
        }

        if (!TryDate(query["start_date"], out var start) || !TryDate(query["end_date"], out var end))
        {
            return Open311Formats.Errors(format, StatusCodes.Status400BadRequest, "start_date, end_date: ISO 8601 times, e.g. 2022-06-01T00:00:00+08:00.");
        }

        if (!TryInt(query["page"], out var page) || !TryInt(query["page_size"], out var pageSize))
        {
            return Open311Formats.Errors(format, StatusCodes.Status400BadRequest, "page, page_size: whole numbers.");
        }

        var now = time.GetUtcNow();
        if (ids.Count == 0 && start is null && end is null)
        {
            start = now.AddDays(-90); // the spec's default window
        }

        var filter = new ComplaintFilter(ids, null, status == "" ? null : status == "open", Text.OrNull(query["service_code"].ToString()), From: start, To: end);
        var scope = ComplaintScope.Of(Caller.Of(user));
        var found = await ComplaintQueries.PageAsync(session, scope, filter, page, pageSize, now, cancellationToken);
        var categories = request.HttpContext.RequestServices.GetRequiredService<ComplaintCategories>();
        return new Open311Result(format, "service_requests", "request", [.. found.Items.Select(c => ServiceRequest(c, categories))]);
    }

    private static async Task<IResult> GetRequest(
        string id, string format, ClaimsPrincipal user, IQuerySession session, ComplaintCategories categories, CancellationToken cancellationToken)
    {
        if (!Open311Formats.IsKnown(format))
        {
            return NotFound(format);
        }

        var scope = ComplaintScope.Of(Caller.Of(user));
        if (!Guid.TryParse(id, out var complaintId) || await session.LoadAsync<ComplaintDetails>(complaintId, cancellationToken) is not { } complaint || !scope.Sees(complaint))
        {
            return Open311Formats.Errors(format, StatusCodes.Status404NotFound, $"No service request '{id}'.");
        }

        return new Open311Result(format, "service_requests", "request", [ServiceRequest(complaint, categories)]);
    }

    /// <summary>A complaint as Open311 shows it: no complainant, no contact, no channel.</summary>
    private static Open311Element ServiceRequest(ComplaintDetails c, ComplaintCategories categories) => new Open311Element()
        .Add("service_request_id", c.Id.ToString())
        .Add("status", c.Open ? "open" : "closed")
        .Add("status_notes", c.StatusNotes)
        .Add("service_name", categories.Find(c.ServiceCode)?.Name ?? c.ServiceCode)
        .Add("service_code", c.ServiceCode)
        .Add("description", c.Description)
        .Add("agency_responsible", "麦积区住房服务中心")
        .Add("service_notice", null)
        .Add("requested_datetime", c.FiledAt)
        .Add("updated_datetime", c.UpdatedAt)
        .Add("expected_datetime", c.DueAt)
        .Add("address", c.Location.Address)
        .Add("address_id", c.Location.EstateId?.ToString())
        .Add("zipcode", null)
        .Add("lat", c.Location.Latitude)
        .Add("long", c.Location.Longitude)
        .Add("media_url", c.MediaUrl);

    private static bool TryDate(StringValues value, out DateTimeOffset? date)
    {
        date = null;
        if (StringValues.IsNullOrEmpty(value))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) && PlausibleDates.Contains(parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    private static bool TryInt(StringValues value, out int? number)
    {
        number = null;
        if (StringValues.IsNullOrEmpty(value))
        {
            return true;
        }

        var ok = int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed);
        number = ok ? parsed : null;
        return ok;
    }
}
