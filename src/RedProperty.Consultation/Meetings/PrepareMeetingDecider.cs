namespace RedProperty.Consultation.Meetings;

// Preparing a convened meeting: invite parties, add agenda items, record who came. Each of these
// use cases adds its method to this partial class in its own file; the decider tests call it by this name.

public static partial class PrepareMeetingDecider
{
    private static void NotHeld(JointMeeting meeting, string what)
    {
        if (meeting.HeldOn is { } held)
        {
            throw new DomainException($"The meeting was held on {held:yyyy-MM-dd}; {what} comes before.");
        }
    }
}
