using System.Net;

namespace RedProperty.Testing;

public static class RateLimits
{
    /// <summary>
    /// Past the caller's burst the rate limiter answers first: wait as it says (<c>Retry-After</c>), then ask again,
    /// up to ten times. A test that used up its caller's allowance (a generated run) still gets its request through.
    /// </summary>
    public static async Task<HttpResponseMessage> SendWithinRateLimitAsync(this HttpClient client, Func<HttpRequestMessage> request)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var message = request();
            var response = await client.SendAsync(message);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 10)
            {
                return response;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            response.Dispose();
        }
    }
}
