using RedProperty.Volunteering.Places;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Disputes;

public sealed record AssignMediators(IReadOnlyList<Guid>? VolunteerIds = null, IReadOnlyList<Guid>? InstructorIds = null);

public sealed class AssignMediatorsValidator : AbstractValidator<AssignMediators>
{
    public AssignMediatorsValidator() =>
        RuleFor(c => c).Must(c => (c.VolunteerIds?.Count ?? 0) + (c.InstructorIds?.Count ?? 0) is >= 1 and <= 10).WithName("volunteerIds").WithMessage("1 to 10 mediators.");
}

public static partial class DisputeDecider
{
    public static IReadOnlyList<object> Assign(Dispute dispute, AssignMediators command, DateTimeOffset now)
    {
        Accepted(dispute, "assigning mediators");
        return [new MediatorsAssigned(dispute.Id, command.VolunteerIds ?? [], command.InstructorIds ?? [], now)];
    }
}

public static class AssignMediatorsEndpoint
{
    public static async Task<Ok<DisputeDetails>> Handle(Guid id, AssignMediators command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var volunteers = await session.LoadManyAsync<VolunteerDetails>(ct, command.VolunteerIds ?? []);
        if ((command.VolunteerIds ?? []).Except(volunteers.Select(v => v.Id)).ToList() is [var unknownVolunteer, ..])
        {
            throw new InvalidFieldException("volunteerIds", $"No volunteer with id {unknownVolunteer}.");
        }

        var instructors = await session.LoadManyAsync<InstructorEntry>(ct, command.InstructorIds ?? []);
        if ((command.InstructorIds ?? []).Except(instructors.Select(i => i.Id)).ToList() is [var unknownInstructor, ..])
        {
            throw new InvalidFieldException("instructorIds", $"No instructor with id {unknownInstructor}.");
        }

        return await DisputeChanges.Change(session, id, expected, http, d => DisputeDecider.Assign(d, command, time.GetUtcNow()), ct);
    }
}
