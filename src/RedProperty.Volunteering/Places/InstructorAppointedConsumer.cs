using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Volunteering.Places;

public sealed class InstructorAppointedConsumer(Inbox inbox) : InboxConsumer<V1.InstructorAppointed>(inbox)
{
    protected override Task Apply(V1.InstructorAppointed message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new InstructorEntry(message.InstructorId, message.Name));
        return Task.CompletedTask;
    }
}
