using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace RedProperty.Evaluation.Open311;

/// <summary>An element of an Open311 answer: named fields in the spec's order (values: text, numbers, booleans, times, nested lists).</summary>
public sealed class Open311Element : List<KeyValuePair<string, object?>>
{
    public Open311Element Add(string name, object? value)
    {
        Add(new KeyValuePair<string, object?>(name, value));
        return this;
    }
}

/// <summary>A list inside an element, e.g. a definition's <c>attributes</c> (XML: <c>&lt;attributes&gt;&lt;attribute&gt;…</c>).</summary>
public sealed record Open311List(string Item, IReadOnlyList<Open311Element> Items);

/// <summary>
/// An Open311 GeoReport v2 answer in the format the path asks for (<c>.json</c> or <c>.xml</c>): a list
/// (JSON array; XML root with one element per item) or, with <paramref name="Single"/>, one object.
/// </summary>
public sealed class Open311Result(string format, string root, string item, IReadOnlyList<Open311Element> items, int status = StatusCodes.Status200OK, bool oneObject = false)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => status;

    public string ContentType => Open311Formats.IsXml(format) ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";

    public string? Location { get; init; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        await response.WriteAsync(Open311Formats.IsXml(format) ? Xml() : Json(), Encoding.UTF8, httpContext.RequestAborted);
    }

    private string Json()
    {
        object body = oneObject ? ToJson(items[0]) : items.Select(ToJson).ToList();
        return JsonSerializer.Serialize(body, Open311Formats.JsonOptions);
    }

    private static Dictionary<string, object?> ToJson(Open311Element element) =>
        element.ToDictionary(f => f.Key, f => f.Value is Open311List list ? list.Items.Select(ToJson).ToList() : Open311Formats.Scalar(f.Value, json: true));

    private string Xml()
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Encoding = Encoding.UTF8, OmitXmlDeclaration = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement(root);
            if (oneObject)
            {
                WriteFields(xml, items[0]);
            }
            else
            {
                foreach (var element in items)
                {
                    xml.WriteStartElement(item);
                    WriteFields(xml, element);
                    xml.WriteEndElement();
                }
            }

            xml.WriteEndElement();
        }

        // StringBuilder output says utf-16; the bytes sent are UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static void WriteFields(XmlWriter xml, Open311Element element)
    {
        foreach (var (name, value) in element)
        {
            xml.WriteStartElement(name);
            if (value is Open311List list)
            {
                foreach (var nested in list.Items)
                {
                    xml.WriteStartElement(list.Item);
                    WriteFields(xml, nested);
                    xml.WriteEndElement();
                }
            }
            else if (Open311Formats.Scalar(value, json: false) is { } scalar)
            {
                // Text accepted before control characters were refused must not break the whole listing.
                xml.WriteString(Text.Printable(Convert.ToString(scalar, CultureInfo.InvariantCulture) ?? ""));
            }

            xml.WriteEndElement();
        }
    }
}

public static class Open311Formats
{
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool IsXml(string? format) => string.Equals(format, "xml", StringComparison.OrdinalIgnoreCase);

    public static bool IsKnown(string? format) => IsXml(format) || string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The format of a request's path (<c>…/requests.xml</c>); JSON when it names none.</summary>
    public static string Of(HttpRequest request) => request.Path.Value is { } path && path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? "xml" : "json";

    /// <summary>Times in ISO 8601 with the district's offset, booleans as the spec writes them.</summary>
    public static object? Scalar(object? value, bool json) => value switch
    {
        DateTimeOffset at => at.ToOffset(DistrictCalendar.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        bool flag when !json => flag ? "true" : "false",
        _ => value,
    };

    /// <summary>Open311's error list (<c>[{code, description}]</c>, XML <c>&lt;errors&gt;</c>).</summary>
    public static Open311Result Errors(string format, int status, params string[] descriptions) =>
        new(format, "errors", "error", [.. descriptions.Select(d => new Open311Element().Add("code", status).Add("description", d))], status);
}

/// <summary>
/// Every error on an Open311 route — unknown key, missing resource, rate limit, a refused field —
/// is written in Open311's form instead of problem+json. Open311 answers a missing or invalid
/// <c>api_key</c> with 403, so a 401 there becomes a 403.
/// </summary>
public sealed class Open311ErrorWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => context.HttpContext.Request.Path.StartsWithSegments("/open311");

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode == StatusCodes.Status401Unauthorized ? StatusCodes.Status403Forbidden : context.ProblemDetails.Status ?? http.Response.StatusCode;
        var descriptions = context.ProblemDetails is HttpValidationProblemDetails { Errors.Count: > 0 } validation
            ? validation.Errors.SelectMany(e => e.Value.Select(m => $"{Open311Fields.ToOpen311(e.Key)}: {m}")).ToArray()
            : [status == StatusCodes.Status403Forbidden ? "Invalid api_key, or this key may not do that." : context.ProblemDetails.Detail ?? context.ProblemDetails.Title ?? ReasonPhrases(status)];
        await Open311Formats.Errors(Open311Formats.Of(http.Request), status, descriptions).ExecuteAsync(http);
    }

    private static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
