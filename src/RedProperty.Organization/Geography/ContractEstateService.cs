using RedProperty.Organization.Companies;

namespace RedProperty.Organization.Geography;

/// <summary>Record that <paramref name="CompanyId"/> serves the estate from <paramref name="From"/>, until <paramref name="To"/> (inclusive) or open.</summary>
public sealed record ContractEstateService(Guid CompanyId, DateOnly From, DateOnly? To);

/// <summary>The company's contract ends: <paramref name="On"/> is its last day of service.</summary>
public sealed record EndEstateService(Guid CompanyId, DateOnly On);

public sealed class ContractEstateServiceValidator : AbstractValidator<ContractEstateService>
{
    public ContractEstateServiceValidator()
    {
        RuleFor(c => c.CompanyId).NotEmpty();
        RuleFor(c => c.To).GreaterThanOrEqualTo(c => c.From).When(c => c.To is not null).WithMessage("A contract ends on or after its first day.");
    }
}

public sealed class EndEstateServiceValidator : AbstractValidator<EndEstateService>
{
    public EndEstateServiceValidator() => RuleFor(c => c.CompanyId).NotEmpty();
}

/// <summary>One company serves an estate at a time: contracts of an estate never overlap.</summary>
public static class EstateServiceDecider
{
    public static EstateServiceContracted Decide(Estate estate, ContractEstateService command, DateTimeOffset now)
    {
        if (estate.Contracts.FirstOrDefault(c => c.Overlaps(command.From, command.To)) is { } overlapping)
        {
            throw new DomainException(
                $"The estate is already served by company {overlapping.CompanyId} from {overlapping.From:yyyy-MM-dd}" +
                $"{(overlapping.To is { } to ? $" to {to:yyyy-MM-dd}" : "")}; end that contract first (one company serves an estate at a time).");
        }

        return new EstateServiceContracted(estate.Id, command.CompanyId, command.From, command.To, now);
    }

    public static EstateServiceContractEnded Decide(Estate estate, EndEstateService command, DateTimeOffset now)
    {
        if (!estate.Contracts.Any(c => c.CompanyId == command.CompanyId && c.Covers(command.On)))
        {
            throw new DomainException($"Company {command.CompanyId} has no contract for this estate that covers {command.On:yyyy-MM-dd}.");
        }

        return new EstateServiceContractEnded(estate.Id, command.CompanyId, command.On, now);
    }
}

public static class EstateServiceEndpoints
{
    public static async Task<Ok<EstateDetails>> Contract(
        Guid id, ContractEstateService command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        await RegisteredCompanies.Require(session, "companyId", [command.CompanyId], cancellationToken);
        return await session.Change<Estate, EstateDetails>(
            id, expected, estate => [EstateServiceDecider.Decide(estate, command, time.GetUtcNow())], response, cancellationToken);
    }

    public static Task<Ok<EstateDetails>> End(
        Guid id, EndEstateService command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken) =>
        session.Change<Estate, EstateDetails>(
            id, expected, estate => [EstateServiceDecider.Decide(estate, command, time.GetUtcNow())], response, cancellationToken);
}
