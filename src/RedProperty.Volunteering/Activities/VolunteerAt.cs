namespace RedProperty.Volunteering.Activities;

/// <summary>One volunteer at an activity: the body of a sign-up, a check-in and a check-out alike.</summary>
public sealed record VolunteerAt(Guid VolunteerId, DateTimeOffset? At = null);

public sealed class VolunteerAtValidator : AbstractValidator<VolunteerAt>
{
    public VolunteerAtValidator() => RuleFor(c => c.VolunteerId).NotEmpty();
}
