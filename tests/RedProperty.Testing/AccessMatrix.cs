using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.Security;

namespace RedProperty.Testing;

/// <summary>
/// Who may call what, checked against a service's real endpoints: every endpoint must be in the
/// expected table (a new one fails until someone decides its roles), answers 401 without a token,
/// 403 to every role not in its row, and neither to the roles in it.
/// </summary>
public static class AccessMatrix
{
    /// <summary>The row of an endpoint open to anyone, signed in or not (e.g. Open311's service list).</summary>
    public static readonly string[] Anyone = ["*"];

    /// <summary>The community the matrix's community staff serve: registered nowhere, so they reach nothing by it.</summary>
    private static readonly Guid MatrixCommunity = Guid.CreateVersion7();

    /// <summary>Route values that reach the endpoint's handler (any id will do: scope limits answer 404, not 403).</summary>
    private static string Url(RouteEndpoint endpoint)
    {
        var url = new StringBuilder();
        foreach (var segment in endpoint.RoutePattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                url.Append(part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "month" } => "2022-06",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "queue" } => "no-such-queue",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "format" } => "json",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "clientId" or "userName" } => "matrix-account",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => Guid.NewGuid().ToString(),
                    _ => "",
                });
            }
        }

        return url.ToString();
    }

    /// <summary>The service's API endpoints (method, route, name); health, OpenAPI and Scalar are open by design.</summary>
    public static IReadOnlyList<(string Method, RouteEndpoint Endpoint, string Name)> Endpoints(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null && e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/", StringComparison.Ordinal) || raw.StartsWith("/open311/", StringComparison.Ordinal)))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (m, e, e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName)))];

    /// <summary>Tokens for each role: limited roles get a community, company or instructor of their own.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> TokensAsync(TestIdentity identity)
    {
        var tokens = new Dictionary<string, string>();
        foreach (var role in Roles.InTokens)
        {
            tokens[role] = role switch
            {
                Roles.CommunityStaff => await identity.TokenAsync(role, community: MatrixCommunity.ToString()),
                Roles.CompanyUser => await identity.TokenAsync(role, company: Guid.NewGuid()),
                Roles.Instructor => await identity.TokenAsync(role, instructor: Guid.NewGuid()),
                _ => await identity.TokenAsync(role),
            };
        }

        return tokens;
    }

    /// <summary>Runs the matrix on a service with tokens of every role from the run's identity; fails with every mismatch.</summary>
    public static async Task AssertAsync<TService>(ServiceHost<TService> host, TestIdentity identity, IReadOnlyDictionary<string, string[]> expected)
        where TService : class
    {
        var failures = await CheckAsync(host.CreateClient().WithToken(null), host.Services, expected, await TokensAsync(identity));
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Runs the matrix; returns every mismatch (empty when all is as the table says).</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(
        HttpClient client, IServiceProvider services, IReadOnlyDictionary<string, string[]> expected, IReadOnlyDictionary<string, string> tokens)
    {
        var failures = new List<string>();
        var endpoints = Endpoints(services);
        var names = endpoints.Select(e => e.Name).ToHashSet();
        failures.AddRange(names.Except(expected.Keys).Select(n => $"{n}: not in the table (decide who may call it)"));
        failures.AddRange(expected.Keys.Except(names).Select(n => $"{n}: in the table but not served"));

        foreach (var (method, endpoint, name) in endpoints.Where(e => expected.ContainsKey(e.Name)))
        {
            var url = Url(endpoint);
            var allowed = expected[name].Append(Roles.DistrictAdmin).ToHashSet();
            var anonymous = await SendAsync(client, method, url, token: null);
            if (expected[name] == Anyone)
            {
                if (anonymous is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    failures.Add($"{name} {method} {url} without a token: {(int)anonymous}, but it is open to anyone");
                }

                continue;
            }

            // Open311 answers a missing api_key with 403, as its spec says.
            var refused = url.StartsWith("/open311/", StringComparison.Ordinal) ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized;
            if (anonymous != refused)
            {
                failures.Add($"{name} {method} {url} without a token: {(int)anonymous}, not {(int)refused}");
            }

            foreach (var (role, token) in tokens)
            {
                var status = await SendAsync(client, method, url, token);
                if (allowed.Contains(role) && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    failures.Add($"{name} {method} {url} as {role}: {(int)status}, but the role is allowed");
                }
                else if (!allowed.Contains(role) && status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{name} {method} {url} as {role}: {(int)status}, not 403");
                }
            }
        }

        return failures;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string url, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Authorization = token is null ? null : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
