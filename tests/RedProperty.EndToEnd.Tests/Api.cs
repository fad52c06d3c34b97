using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RedProperty.Testing;

namespace RedProperty.EndToEnd.Tests;

/// <summary>The slice's HTTP calls, the same through a service or through the gateway.</summary>
public static class Api
{
    public static async Task<Guid> RegisterCompany(this HttpClient client, string name, string? creditCode = null)
    {
        var response = await client.PostAsJsonAsync("/api/organization/companies",
            new { name, creditCode = creditCode ?? CreditCodes.Next(), address = "甘肃省天水市麦积区道北街道" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Evaluation's directory entry once Organization's event has arrived there.</summary>
    public static Task<JsonElement> EvaluationCompanyEventually(this HttpClient client, Guid id, TimeSpan? timeout = null) =>
        Eventually.Get<JsonElement?>(async () =>
        {
            var response = await client.GetAsync($"/api/evaluation/companies/{id}");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }, timeout ?? TimeSpan.FromSeconds(60), $"company {id} in Evaluation").ContinueWith(t => t.Result!.Value, TaskScheduler.Default);
}
