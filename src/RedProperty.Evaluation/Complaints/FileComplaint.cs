using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RedProperty.BuildingBlocks;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.BuildingBlocks.Messaging;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Evaluation.Companies;
using RedProperty.Evaluation.Places;

namespace RedProperty.Evaluation.Complaints;

/// <summary>File a complaint against the company serving an estate (Open311 <c>POST requests</c> or the operators' API).</summary>
/// <param name="ServiceCode">The category, e.g. <c>sanitation</c>.</param>
/// <param name="Description">What happened, up to 4,000 characters.</param>
/// <param name="EstateId">The estate (Open311 <c>address_id</c>); else coordinates or an address are needed.</param>
/// <param name="CompanyId">The company complained about, when it is not the one serving the estate today.</param>
/// <param name="Complainant">Contact details: kept in this service only, masked wherever shown.</param>
/// <param name="Attributes">Answers to the category's questions (Open311 <c>attribute[code]</c>).</param>
/// <param name="WorkOrder">The 12345 hotline's work order (or another channel's record) the complaint comes from: the complaint is dated when it was received there.</param>
public sealed record FileComplaint(
    string ServiceCode, string Description, Guid? EstateId = null, Guid? CompanyId = null, string? Address = null, double? Latitude = null, double? Longitude = null,
    Complainant? Complainant = null, IReadOnlyDictionary<string, string>? Attributes = null, string? MediaUrl = null, WorkOrder? WorkOrder = null);

/// <summary>Where an owner first raised the complaint.</summary>
public enum ComplaintSource
{
    /// <summary>The 12345 government hotline (市民热线), by phone or its own channels.</summary>
    Hotline,
    App,
    WalkIn,
    Open311,
}

/// <summary>A work order (工单) of the channel that received the complaint; one complaint per source and number.</summary>
/// <param name="Number">The work order's number (工单编号) in its source, e.g. <c>GD2022041500123</c>.</param>
/// <param name="ReceivedAt">When the source received it (受理时间): the complaint is dated then, never in the future,
/// at most <c>Complaints:BackdateWindow</c> (default 400 days) back; now when left out.</param>
/// <param name="Category">The source's own category (诉求分类), kept as it came.</param>
public sealed record WorkOrder(string Number, DateTimeOffset? ReceivedAt = null, ComplaintSource Source = ComplaintSource.Hotline, string? Category = null)
{
    /// <summary>The key that makes the same work order one complaint.</summary>
    public string SubmissionId() => $"work-order:{IntegrationEventMap.Wire(Source)}:{Number.Trim()}";
}

/// <summary>One complaint per device, day and identical submission: a resubmission finds the first (Open311 <c>device_id</c>).</summary>
public sealed record ComplaintSubmission(string Id, Guid ComplaintId);

public static class ComplaintRules
{
    public const int MaxDescriptionLength = 4000;
    public const int MaxTextLength = 1000;

    /// <summary>How far back a work order may date a complaint (<c>Complaints:BackdateWindow</c>, default 400 days: a year of the hotline's history).</summary>
    public static TimeSpan BackdateWindow(IConfiguration configuration) => configuration.GetValue("Complaints:BackdateWindow", TimeSpan.FromDays(400));

    /// <summary>Clocks differ: a receipt time this far ahead of ours is taken as now.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How long a company has to resolve a complaint, from filing (<c>Complaints:ServiceLevel</c>, default 72 h).</summary>
    public static TimeSpan ServiceLevel(IConfiguration configuration) => configuration.GetValue("Complaints:ServiceLevel", TimeSpan.FromHours(72));
}

public sealed class FileComplaintValidator : AbstractValidator<FileComplaint>
{
    public FileComplaintValidator(ComplaintCategories categories, TimeProvider time, IConfiguration configuration)
    {
        var window = ComplaintRules.BackdateWindow(configuration);
        RuleFor(c => c.ServiceCode).NotEmpty().Must(code => categories.Find(code) is not null)
            .WithMessage(c => $"No complaint category '{c.ServiceCode}' (see GET /open311/v2/services.json).");
        RuleFor(c => c.Description).NotEmpty().MaximumLength(ComplaintRules.MaxDescriptionLength);
        RuleFor(c => c.EstateId).NotNull()
            .When(c => c.Latitude is null && c.Longitude is null && string.IsNullOrWhiteSpace(c.Address))
            .WithMessage("Say where: the estate's id, or latitude and longitude, or an address.");
        RuleFor(c => c.EstateId).NotEqual(Guid.Empty);
        RuleFor(c => c.CompanyId).NotEqual(Guid.Empty);
        RuleFor(c => c.Address).MaximumLength(200);
        RuleFor(c => c.Latitude).NotNull().When(c => c.Longitude is not null).WithMessage("latitude and longitude go together.");
        RuleFor(c => c.Longitude).NotNull().When(c => c.Latitude is not null).WithMessage("latitude and longitude go together.");
        RuleFor(c => c.Latitude).InclusiveBetween(-90, 90);
        RuleFor(c => c.Longitude).InclusiveBetween(-180, 180);
        RuleFor(c => c.MediaUrl).MaximumLength(2000)
            .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .When(c => c.MediaUrl is not null).WithMessage("An absolute http(s) URL.");
        When(c => c.Complainant is not null, () =>
        {
            RuleFor(c => c.Complainant!.Name).MaximumLength(50);
            RuleFor(c => c.Complainant!.Phone).Matches(@"^\+?[0-9][0-9 \-]{4,19}$").WithMessage("A phone number: digits, spaces or dashes, 5 to 20.");
            RuleFor(c => c.Complainant!.Email).MaximumLength(254).EmailAddress();
            RuleFor(c => c.Complainant!.DeviceId).MaximumLength(100);
        });
        When(c => c.WorkOrder is not null, () =>
        {
            RuleFor(c => c.WorkOrder!.Number).NotEmpty().MaximumLength(40).Matches(@"^\s*[A-Za-z0-9][A-Za-z0-9\-_/.]*\s*$")
                .WithMessage("The work order's number: letters, digits, - _ / or ., up to 40.");
            RuleFor(c => c.WorkOrder!.ReceivedAt)
                .Must(at => at is null || at <= time.GetUtcNow() + ComplaintRules.ClockSkew).WithMessage("When the work order was received: not in the future.")
                .Must(at => at is null || at >= time.GetUtcNow() - window).WithMessage($"When the work order was received: at most {window.TotalDays:F0} days back (Complaints:BackdateWindow).");
            RuleFor(c => c.WorkOrder!.Source).IsInEnum();
            RuleFor(c => c.WorkOrder!.Category).MaximumLength(100);
        });
        RuleFor(c => c.Attributes).Custom((attributes, context) =>
        {
            if (categories.Find(context.InstanceToValidate.ServiceCode) is not { } category)
            {
                return;
            }

            attributes ??= new Dictionary<string, string>();
            foreach (var (code, value) in attributes)
            {
                var question = category.Attributes.FirstOrDefault(a => a.Code == code);
                if (question is null)
                {
                    context.AddFailure($"attributes.{code}", $"Category {category.Code} asks no '{code}'.");
                }
                else if (string.IsNullOrWhiteSpace(value))
                {
                    context.AddFailure($"attributes.{code}", "An answer, or leave the attribute out.");
                }
                else if (value.Length > ComplaintRules.MaxTextLength)
                {
                    context.AddFailure($"attributes.{code}", $"At most {ComplaintRules.MaxTextLength} characters.");
                }
                else if (question.Values is { Count: > 0 } values
                         && value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is var keys
                         && (keys.Length == 0 || keys.Any(k => values.All(v => v.Key != k)) || (question.Datatype == "singlevaluelist" && keys.Length > 1)))
                {
                    context.AddFailure($"attributes.{code}", $"One of: {string.Join(", ", values.Select(v => v.Key))}.");
                }
            }

            // A work order was taken by another channel, which does not ask our category's questions.
            var asked = context.InstanceToValidate.WorkOrder is null;
            foreach (var missing in category.Attributes.Where(a => asked && a.Required && !attributes.ContainsKey(a.Code)))
            {
                context.AddFailure($"attributes.{missing.Code}", $"Category {category.Code} requires '{missing.Code}' ({missing.Description}).");
            }
        });
    }
}

public static class FileComplaintDecider
{
    /// <param name="estate">The registered estate the complaint names, if any (the endpoint refuses unknown ones).</param>
    public static ComplaintFiled Decide(
        Guid complaintId, FileComplaint command, EstateDirectoryEntry? estate, Caller filer, TimeSpan serviceLevel, DateTimeOffset now)
    {
        // A work order dates the complaint when it was received (a receipt a little ahead of our clock counts as now),
        // and the company is the one serving the estate that day.
        var filedAt = command.WorkOrder?.ReceivedAt is { } received && received < now ? received : now;
        var company = command.CompanyId ?? estate?.CompanyOn(DistrictCalendar.Today(filedAt));
        var contact = command.Complainant is { } c
            ? new Complainant(Text.OrNull(c.Name), Text.OrNull(c.Phone), Text.OrNull(c.Email), Text.OrNull(c.DeviceId))
            : new Complainant(null, null, null, null);
        return new ComplaintFiled(
            complaintId, command.ServiceCode, command.Description.Trim(),
            new ComplaintLocation(estate?.Id, estate?.CommunityId, Text.OrNull(command.Address), command.Latitude, command.Longitude),
            company, contact, new SortedDictionary<string, string>(command.Attributes?.ToDictionary() ?? [], StringComparer.Ordinal),
            Text.OrNull(command.MediaUrl), filer.Name, filedAt + serviceLevel, filedAt, filer.Id,
            command.WorkOrder is { } w ? w with { Number = w.Number.Trim(), ReceivedAt = filedAt, Category = Text.OrNull(w.Category) } : null);
    }
}

/// <summary>Filing, shared by Open311 and the operators' API.</summary>
public static class ComplaintIntake
{
    public sealed record Filed(ComplaintDetails Complaint, bool Again);

    public static async Task<Filed> FileAsync(
        FileComplaint command, Caller caller, HttpContext http, IDocumentSession session, TimeProvider time, IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var estate = command.EstateId is { } estateId ? await EstateDirectory.Require(session, "estateId", estateId, cancellationToken) : null;

        // A community's staff file for their own community's estates only.
        if (estate is not null && !ComplaintScope.Of(caller).Reaches(estate))
        {
            throw new InvalidFieldException("estateId", $"Estate {estate.Id} is not in your community.");
        }

        if (command.CompanyId is { } companyId)
        {
            await CompanyDirectory.Require(session, "companyId", companyId, cancellationToken);
        }

        var now = time.GetUtcNow();
        var filed = FileComplaintDecider.Decide(Guid.CreateVersion7(now), command, estate, caller, ComplaintRules.ServiceLevel(configuration), now);
        var view = ComplaintDetails.Create(filed);

        // The same work order is one complaint, however often it is sent; Open311 clients without Idempotency-Key
        // resend with the same device_id: the same submission on the same day files once.
        var submissionId = filed.WorkOrder?.SubmissionId()
            ?? (filed.Complainant.DeviceId is { } device && !Idempotency.IsIdempotentRequest(http)
                ? SubmissionKey(caller.Id, device, DistrictCalendar.Today(now), command)
                : null);
        if (submissionId is not null)
        {
            if (await session.LoadAsync<ComplaintSubmission>(submissionId, cancellationToken) is { } first)
            {
                return new Filed(await session.LoadAsync<ComplaintDetails>(first.ComplaintId, cancellationToken) ?? view, true);
            }

            session.Insert(new ComplaintSubmission(submissionId, filed.ComplaintId));
        }

        session.Events.StartStream<Complaint>(filed.ComplaintId, filed with { Complainant = ComplainantSeal.Seal(session, filed.ComplaintId, filed.Complainant, now) });
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (DocumentConflicts.Involve<ComplaintSubmission>(e))
        {
            // The same submission raced this one and won.
            await using var fresh = session.DocumentStore.QuerySession();
            var first = await fresh.LoadAsync<ComplaintSubmission>(submissionId!, CancellationToken.None);
            return new Filed((await fresh.LoadAsync<ComplaintDetails>(first!.ComplaintId, CancellationToken.None))!, true);
        }

        return new Filed(view, false);
    }

    private static string SubmissionKey(string caller, string device, DateOnly day, FileComplaint command)
    {
        var normalized = command with
        {
            Attributes = new SortedDictionary<string, string>(command.Attributes?.ToDictionary() ?? [], StringComparer.Ordinal),
        };
        var bytes = Encoding.UTF8.GetBytes($"{caller}\n{device}\n{day:yyyy-MM-dd}\n{JsonSerializer.Serialize(normalized)}");
        return Convert.ToHexString(SHA256.HashData(bytes));
    }
}

public static class FileComplaintEndpoint
{
    public static async Task<Results<Created<ComplaintDetails>, Ok<ComplaintDetails>>> Handle(
        FileComplaint command, HttpContext http, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var (complaint, again) = await ComplaintIntake.FileAsync(command, Caller.Of(http.User), http, session, time, configuration, cancellationToken);
        http.Response.SetETag(complaint.Version);
        return again ? TypedResults.Ok(complaint) : TypedResults.Created($"/api/evaluation/complaints/{complaint.Id}", complaint);
    }
}
