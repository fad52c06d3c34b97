using System.Text.Json;

namespace RedProperty.EndToEnd.Tests;

/// <summary>README command 1 runs every project on its launch profile's port: two on one port keep the AppHost from starting.</summary>
public sealed class LaunchPortsTests
{
    [Fact]
    public void Every_project_has_a_port_of_its_own()
    {
        var root = RedProperty.Testing.Repository.Root;
        var urls = Directory.GetFiles(root, "launchSettings.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("profiles").EnumerateObject()
                .Where(p => p.Value.TryGetProperty("applicationUrl", out _))
                .SelectMany(p => p.Value.GetProperty("applicationUrl").GetString()!.Split(';'))
                .Select(url => (Project: Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f))), Port: new Uri(url).Port)))
            .ToList();

        Assert.True(urls.Count >= 7, $"only {urls.Count} launch URLs found");
        var shared = urls.GroupBy(u => u.Port).Where(g => g.Select(u => u.Project).Distinct().Count() > 1).ToList();
        Assert.True(shared.Count == 0, string.Join("; ", shared.Select(g => $"{g.Key}: {string.Join(", ", g.Select(u => u.Project))}")));
    }
}
