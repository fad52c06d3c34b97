namespace RedProperty.EndToEnd.Tests;

/// <summary>These tests stop the shared broker or start whole systems: run them one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEnd
{
    public const string Name = "end-to-end";
}
