using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>
/// The stream version a change was based on, from <c>If-Match: "N"</c>. ETags are the stream
/// version, so a stale one makes Marten refuse the append (412).
/// </summary>
public readonly record struct ExpectedVersion(long Value)
{
    public static ValueTask<ExpectedVersion> BindAsync(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new PreconditionRequiredException();
        }

        var tag = header.Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal))
        {
            tag = tag[2..];
        }

        if (!long.TryParse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            throw new BadHttpRequestException($"If-Match '{header}' is not an ETag this service issued.");
        }

        return ValueTask.FromResult(new ExpectedVersion(version));
    }
}

public static class ETag
{
    public static string For(long version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    public static void SetETag(this HttpResponse response, long version) => response.Headers.ETag = For(version);
}
