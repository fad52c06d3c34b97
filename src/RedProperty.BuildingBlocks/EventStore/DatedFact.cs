namespace RedProperty.BuildingBlocks.EventStore;

/// <summary>
/// An event that records a real-world fact, with the district's day it took effect — which may be
/// long before it was recorded (data entered today for 2022). Ledgers asked "as of" a day count the
/// facts that took effect by then; "known at" an instant, the facts recorded by then. Events that are
/// not dated facts (corrections, registrations of places) count from when they were recorded.
/// </summary>
public interface IDatedFact
{
    DateOnly TookEffectOn();
}
