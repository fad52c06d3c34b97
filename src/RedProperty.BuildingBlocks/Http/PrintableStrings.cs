using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>
/// Every string a JSON body carries is refused when it holds a character <see cref="Text.Unprintable"/>
/// names: a 400 naming the field (the JSON path), for every command of every service, before any rule runs.
/// </summary>
public sealed class PrintableStrings : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return Text.Unprintable(value) is { } found
            ? throw new JsonException($"The text holds a control character ({found}).")
            : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
