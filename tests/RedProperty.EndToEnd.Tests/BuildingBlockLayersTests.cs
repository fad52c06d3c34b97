using System.Text.RegularExpressions;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// The building blocks' folders are layers, each a namespace that may use only the ones below it:
/// the core (refusals, the district's calendar), observability, the event store, messaging, the HTTP
/// conventions, the personal-data scopes and audit, and hosting (how a service is put together). Read
/// from the source: a type named in a file of a lower layer that is declared in a higher one fails.
/// </summary>
public sealed partial class BuildingBlockLayersTests
{
    private static readonly string[] Layers =
        ["", "Observability", "EventStore", "Messaging", "Http", "Security", "Hosting"];

    [Fact]
    public void Every_folder_uses_only_the_layers_below_it()
    {
        var edges = Edges();
        var upward = edges.Where(e => Array.IndexOf(Layers, e.From) < Array.IndexOf(Layers, e.To)).ToList();

        Assert.Contains(edges, e => e is { From: "Hosting", To: "EventStore" }); // the scan sees references at all
        Assert.True(upward.Count == 0, string.Join("\n", upward.Select(e => $"{e.From} uses {e.To}: {e.Type} in {e.File}")));
    }

    private static List<(string From, string To, string Type, string File)> Edges()
    {
        var root = Path.Combine(RedProperty.Testing.Repository.Root, "src", "RedProperty.BuildingBlocks");
        var files = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path: f, Code: Code(File.ReadAllText(f))))
            .Select(f => (f.Path, f.Code, Layer: Layer(Namespace().Match(f.Code).Groups[1].Value)))
            .ToList();
        Assert.All(files, f => Assert.Contains(f.Layer, Layers));
        var declared = files.SelectMany(f => Declaration().Matches(f.Code).Select(m => (Type: m.Groups[1].Value, f.Layer))).ToList();

        return [.. from file in files
                   from type in declared
                   where type.Layer != file.Layer && Regex.IsMatch(file.Code, $@"(?<![\w]){type.Type}\b")
                   select (file.Layer, type.Layer, type.Type, Path.GetRelativePath(root, file.Path))];
    }

    private static string Layer(string ns) => ns == "RedProperty.BuildingBlocks" ? "" : ns["RedProperty.BuildingBlocks.".Length..];

    // Comments and string literals name types without using them.
    private static string Code(string source) => StringLiteral().Replace(LineComment().Replace(source, ""), "\"\"");

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"\b(?:class|record|interface|enum|struct)\s+([A-Z]\w+)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"//.*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"""(?:\\.|[^""\\])*""")]
    private static partial Regex StringLiteral();
}
