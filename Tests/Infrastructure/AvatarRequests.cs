using System.Net.Http.Headers;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>What a client does with pictures against any running gateway: upload, remove, fetch (docs/protocol.md §6).</summary>
public static class AvatarRequests
{
    public static Task<HttpResponseMessage> UploadAsync(HttpClient http, string? token, byte[] bytes, string type) =>
        SendAsync(http, HttpMethod.Post, "/api/avatar", token, new ByteArrayContent(bytes) { Headers = { ContentType = MediaTypeHeaderValue.Parse(type) } });

    public static Task<HttpResponseMessage> RemoveAsync(HttpClient http, string? token) => SendAsync(http, HttpMethod.Delete, "/api/avatar", token);

    public static Task<HttpResponseMessage> GetAsync(HttpClient http, string? token, Guid userId, int? version = null) =>
        SendAsync(http, HttpMethod.Get, $"/api/avatars/{userId}{(version is { } v ? $"?v={v}" : "")}", token);

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }
}
