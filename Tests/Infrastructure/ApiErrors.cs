using System.Net.Http.Json;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>The error of a refused HTTP API call: its body is <c>{ "error": "…" }</c> (docs/protocol.md).</summary>
public static class ApiErrors
{
    private sealed record ErrorBody(string Error);

    public static async Task<string> ErrorOf(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<ErrorBody>())!.Error;
}
