using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using RedProperty.BuildingBlocks;

namespace RedProperty.Organization.Instructors;

/// <summary>派出 by the industry department, or 选派 by the sub-district/town community.</summary>
public enum InstructorSource
{
    DispatchedByIndustry,
    SelectedByCommunity,
}

public sealed record InstructorAppointed(Guid InstructorId, string Name, InstructorSource Source, DateOnly AppointedOn, DateTimeOffset RecordedAt);

/// <summary>A party-building instructor (党建指导员); assignments and visits come in a later step.</summary>
public sealed record PartyBuildingInstructor(Guid Id, string Name, InstructorSource Source, DateOnly AppointedOn)
{
    public static PartyBuildingInstructor Create(InstructorAppointed e) => new(e.InstructorId, e.Name, e.Source, e.AppointedOn);
}

public sealed record AppointInstructor(string Name, InstructorSource Source, DateOnly AppointedOn);

public sealed class AppointInstructorValidator : AbstractValidator<AppointInstructor>
{
    public AppointInstructorValidator()
    {
        RuleFor(i => i.Name).NotEmpty().MaximumLength(50);
        RuleFor(i => i.Source).IsInEnum();
    }
}

public static class AppointInstructorEndpoint
{
    public static async Task<Created<PartyBuildingInstructor>> Handle(
        AppointInstructor command, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var appointed = new InstructorAppointed(Guid.CreateVersion7(now), command.Name.Trim(), command.Source, command.AppointedOn, now);
        session.Events.StartStream<PartyBuildingInstructor>(appointed.InstructorId, appointed);
        await session.SaveChangesAsync(cancellationToken);

        response.SetETag(1);
        return TypedResults.Created($"/api/organization/instructors/{appointed.InstructorId}", PartyBuildingInstructor.Create(appointed));
    }
}
