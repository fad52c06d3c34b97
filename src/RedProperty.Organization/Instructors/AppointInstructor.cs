namespace RedProperty.Organization.Instructors;

/// <summary>Appoint a party-building instructor ("sent by the industry department + selected by the community").</summary>
public sealed record AppointInstructor(string Name, InstructorSource Source, DateOnly AppointedOn);

public sealed class AppointInstructorValidator : AbstractValidator<AppointInstructor>
{
    public AppointInstructorValidator()
    {
        RuleFor(i => i.Name).NotEmpty().MaximumLength(50);
        RuleFor(i => i.Source).IsInEnum();
        RuleFor(i => i.AppointedOn).NotEmpty();
    }
}

public static class AppointInstructorEndpoint
{
    public static async Task<Created<InstructorDetails>> Handle(
        AppointInstructor command, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var appointed = new InstructorAppointed(Guid.CreateVersion7(now), command.Name.Trim(), command.Source, command.AppointedOn, now);
        return await session.Start<PartyBuildingInstructor, InstructorDetails>(
            appointed.InstructorId, appointed, InstructorDetails.Create(appointed), $"/api/organization/instructors/{appointed.InstructorId}", response, cancellationToken);
    }
}
