namespace RedProperty.Testing;

/// <summary>The checkout the tests run from, for tests of its scripts and files.</summary>
public static class Repository
{
    /// <summary>The folder holding RedProperty.sln, above the test's binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RedProperty.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RedProperty.sln not found above the test's folder.");
    }
}
