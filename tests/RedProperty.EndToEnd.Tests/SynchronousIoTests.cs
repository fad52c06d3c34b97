using System.Text.RegularExpressions;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// No request thread waits on the database: every call that opens a connection, begins or commits a
/// transaction, runs a command or saves a session is the asynchronous one. Read from the source of
/// every project under src/ (EF Core's generated migrations aside).
/// </summary>
public sealed partial class SynchronousIoTests
{
    [Fact]
    public void Database_calls_in_the_services_are_asynchronous()
    {
        var root = Path.Combine(RedProperty.Testing.Repository.Root, "src");
        var files = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Regex.IsMatch(f, @"[/\\](obj|bin|Migrations)[/\\]"))
            .ToList();
        Assert.True(files.Count > 100, $"only {files.Count} source files found");

        var calls = files.SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => SynchronousCall().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(calls.Count == 0, "Synchronous database calls:\n" + string.Join("\n", calls));
        Assert.Matches(SynchronousCall(), "var connection = dataSource.OpenConnection();"); // the pattern sees what it looks for
    }

    [GeneratedRegex(@"\.(OpenConnection|Open|BeginTransaction|ExecuteNonQuery|ExecuteScalar|ExecuteReader|SaveChanges|Commit|Rollback)\(")]
    private static partial Regex SynchronousCall();
}
