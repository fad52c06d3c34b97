namespace RedProperty.BuildingBlocks;

/// <summary>A business rule said no. Answered as 409 with the reason.</summary>
public class DomainException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>The thing to create exists already. Answered as 409 with a link to it in <c>existing</c>.</summary>
public sealed class AlreadyExistsException(string message, string existing) : DomainException(message)
{
    public string Existing { get; } = existing;
}

/// <summary>A change arrived without <c>If-Match</c>. Answered as 428.</summary>
public sealed class PreconditionRequiredException() : Exception("This change needs an If-Match header with the ETag you last read.");

/// <summary>The addressed resource does not exist. Answered as 404.</summary>
public sealed class ResourceNotFoundException(string message) : Exception(message);

/// <summary>If-Match named a version that is no longer current. Answered as 412.</summary>
public sealed class StaleVersionException(long expected, long actual)
    : Exception($"You changed version {expected}, but the resource is at version {actual}.");

/// <summary>A field of the request names something that does not exist (e.g. an unknown companyId).
/// Answered as 400 with the field in <c>errors</c>.</summary>
public sealed class InvalidFieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
