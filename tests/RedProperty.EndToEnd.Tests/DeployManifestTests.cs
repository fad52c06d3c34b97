using RedProperty.Testing;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// deploy/k8s (the Kustomize base and the production overlay) as the test command checks it with
/// deploy/tools/k8s-check.mjs: valid as it stands, and a broken copy fails, naming the file and the fault.
/// </summary>
public sealed class DeployManifestTests
{
    [Fact]
    public async Task The_manifests_are_valid_and_a_broken_one_fails_the_check()
    {
        var (exitCode, output) = await CheckAsync(Path.Combine(Repository.Root, "deploy", "k8s"));
        Assert.True(exitCode == 0, output);
        Assert.Contains("overlays/production", output, StringComparison.Ordinal);

        var copy = Directory.CreateTempSubdirectory("redproperty-k8s-");
        CopyDirectory(Path.Combine(Repository.Root, "deploy", "k8s"), copy.FullName);
        var evaluation = Path.Combine(copy.FullName, "base", "evaluation.yaml");
        var text = await File.ReadAllTextAsync(evaluation);
        Assert.Contains("readinessProbe:", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(evaluation, text.Replace("readinessProbe:", "readinessProbeRemoved:", StringComparison.Ordinal));

        (exitCode, output) = await CheckAsync(copy.FullName);
        Assert.Equal(1, exitCode);
        Assert.Contains("Deployment/evaluation", output, StringComparison.Ordinal);
        Assert.Contains("readinessProbe is missing", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> CheckAsync(string directory)
    {
        var start = new System.Diagnostics.ProcessStartInfo("node", ["deploy/tools/k8s-check.mjs", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
