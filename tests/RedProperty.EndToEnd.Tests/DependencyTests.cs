using System.Text.Json;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// Dependencies point one way: the gateway signs callers in and forwards, so neither it nor the
/// building blocks it and the AppHost share may pull in the event store or the bus (read from each
/// project's restore output, which lists every package it depends on, directly or not).
/// </summary>
public sealed class DependencyTests
{
    [Theory]
    [InlineData("src/RedProperty.Gateway")]
    [InlineData("src/RedProperty.BuildingBlocks.Security")]
    [InlineData("src/RedProperty.BuildingBlocks.Topology")]
    public void Neither_Marten_nor_MassTransit_is_in_the_closure_of(string project) =>
        Assert.DoesNotContain(Packages(project), IsStoreOrBus);

    [Fact]
    public void The_services_building_blocks_do_have_both() // so the check above sees what it looks for
    {
        var packages = Packages("src/RedProperty.BuildingBlocks");
        Assert.Contains(packages, p => p.StartsWith("Marten", StringComparison.Ordinal));
        Assert.Contains(packages, p => p.StartsWith("MassTransit", StringComparison.Ordinal));
    }

    private static bool IsStoreOrBus(string package) =>
        package.StartsWith("Marten", StringComparison.OrdinalIgnoreCase) || package.StartsWith("MassTransit", StringComparison.OrdinalIgnoreCase);

    private static List<string> Packages(string project) =>
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(RedProperty.Testing.Repository.Root, project, "obj", "project.assets.json")))
            .RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0])];
}
