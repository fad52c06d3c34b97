using System.Text.Json.Nodes;
using RedProperty.Contracts;
using RedProperty.Overview.Schemas;

namespace RedProperty.Overview.Tests;

/// <summary>
/// The AsyncAPI document in the repository stays true to the contracts: every published contract has
/// its channel (address = its type), message and data schema, and the file is exactly what the
/// contracts generate (a mismatch rewrites the file for review and fails). CI validates the file with
/// the AsyncAPI CLI (deploy/test.sh).
/// </summary>
public sealed class AsyncApiTests
{
    private static readonly string File = Path.Combine(Repository.Root, AsyncApiDocument.RepositoryPath);

    [Fact]
    public void Every_published_contract_has_a_channel_a_message_and_a_data_schema_in_the_repositorys_document()
    {
        var document = JsonNode.Parse(System.IO.File.ReadAllText(File))!;
        Assert.Equal("3.0.0", (string?)document["asyncapi"]);
        var missing = new List<string>();
        foreach (var contract in PublicEvents.Contracts)
        {
            var type = PublicEvents.TypeOf(contract);
            var key = AsyncApiDocument.KeyOf(type);
            if ((string?)document["channels"]?[key]?["address"] != type)
            {
                missing.Add($"{type}: no channel");
            }

            if ((string?)document["components"]?["messages"]?[key]?["name"] != type)
            {
                missing.Add($"{type}: no message");
            }

            var properties = document["components"]?["schemas"]?[$"{key}-data"]?["properties"]?.AsObject().Select(p => p.Key).ToHashSet() ?? [];
            var expected = PublicJson.SchemaOf(contract)["properties"]!.AsObject().Select(p => p.Key);
            missing.AddRange(expected.Where(p => !properties.Contains(p)).Select(p => $"{type}: data schema lacks {p}"));
        }

        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [Fact]
    public void The_repositorys_document_is_what_the_contracts_generate()
    {
        var generated = AsyncApiDocument.Json();
        var committed = System.IO.File.Exists(File) ? System.IO.File.ReadAllText(File) : "";
        if (committed != generated)
        {
            System.IO.File.WriteAllText(File, generated);
        }

        Assert.True(committed == generated, $"{AsyncApiDocument.RepositoryPath} was out of date with the contracts; it has been regenerated: review and commit it.");
    }
}
