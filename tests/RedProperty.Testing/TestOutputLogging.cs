using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace RedProperty.Testing;

/// <summary>
/// A service's warnings and errors in the test's own output, so that a drill that fails says what the
/// services saw (shown with the failure, or always with a detailed logger).
/// </summary>
public sealed class TestOutputLogging(ITestOutputHelper output, LogLevel minimum = LogLevel.Warning) : ILoggerProvider
{
    public static Action<IServiceCollection> To(ITestOutputHelper output, string service, LogLevel minimum = LogLevel.Warning) =>
        services => services.AddLogging(logging => logging.AddProvider(new TestOutputLogging(new Prefixed(output, service), minimum)));

    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName, minimum);

    public void Dispose()
    {
    }

    private sealed class Prefixed(ITestOutputHelper output, string service) : ITestOutputHelper
    {
        public void WriteLine(string message) => output.WriteLine($"[{service}] {message}");

        public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }

    // The exception and what it wraps: a transport's own exception often only names the call that failed.
    private static string Describe(Exception? exception)
    {
        var text = new System.Text.StringBuilder();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            text.Append($" — {e.GetType().Name}: {e.Message}");
        }

        return text.ToString();
    }

    private sealed class Logger(ITestOutputHelper output, string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            try
            {
                output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}" +
                                 Describe(exception));
            }
            catch (InvalidOperationException)
            {
                // The test has ended: its output no longer takes lines.
            }
        }
    }
}
