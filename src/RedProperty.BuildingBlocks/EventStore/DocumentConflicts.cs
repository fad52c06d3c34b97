using JasperFx;

namespace RedProperty.BuildingBlocks.EventStore;

/// <summary>
/// Recognises an insert that lost to an existing document. Marten reports one conflict as
/// <see cref="DocumentAlreadyExistsException"/> and several in one batch as an AggregateException.
/// </summary>
public static class DocumentConflicts
{
    public static bool Involve<TDocument>(Exception? exception) => exception switch
    {
        null => false,
        DocumentAlreadyExistsException conflict => conflict.DocType == typeof(TDocument),
        AggregateException all => all.InnerExceptions.Any(Involve<TDocument>),
        _ => Involve<TDocument>(exception.InnerException),
    };

    public static bool Any(Exception? exception) => exception switch
    {
        null => false,
        DocumentAlreadyExistsException => true,
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(Any),
        _ => false,
    };
}
