using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>Per-address limits of <c>/api/session</c> and <c>/api/login</c>, and the body size cap of <c>/api/*</c>.</summary>
public sealed class HttpLimitTests : IAsyncLifetime
{
    private const int Permits = 3;
    private readonly TempDirectory _data = new("orleanschat-httplimits");
    private GatewayHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new GatewayHost(_data.Path, new Dictionary<string, string>
        {
            ["Chat:Http:SessionsPerWindow"] = $"{Permits}",
            ["Chat:Http:LoginsPerWindow"] = $"{Permits}",
            ["Chat:Http:UploadsPerWindow"] = $"{Permits}",
            ["Chat:Http:Window"] = "01:00:00",
            ["Chat:Http:MaxApiBodyBytes"] = "2048",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Uploads_PastTheLimitOfTheAddress_AreRefusedWith429_WhateverTheUser()
    {
        await using var first = await ChatClient.ConnectAsync(_host);
        await using var second = await ChatClient.ConnectAsync(_host);
        var room = (await first.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Uploads {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        await second.JoinAsync(room);
        for (var i = 0; i < Permits; i++)
        {
            using var accepted = await FileRequests.UploadAsync(_host.Http, (i % 2 == 0 ? first : second).Session.Token, room, [1, 2, 3], "application/octet-stream", $"{i}.bin");
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using var refused = await FileRequests.UploadAsync(_host.Http, second.Session.Token, room, [1, 2, 3], "application/octet-stream", "one-more.bin");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task NewGuests_PastTheLimitOfTheAddress_AreRefusedWith429AndRetryAfter()
    {
        for (var i = 0; i < Permits; i++) await _host.NewSessionAsync();

        var refused = await _host.Http.PostAsJsonAsync("/api/session", new { });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many requests", await ErrorOf(refused));
    }

    [Fact]
    public async Task Logins_PastTheLimitOfTheAddress_AreRefusedWith429_WhateverTheAccount()
    {
        for (var i = 0; i < Permits; i++)
        {
            var wrong = await _host.Http.PostAsJsonAsync("/api/login", new { name = $"Nobody {i}", password = "whatever1" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var refused = await _host.Http.PostAsJsonAsync("/api/login", new { name = "Someone Else", password = "whatever1" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // Guest sessions have a budget of their own.
        await _host.NewSessionAsync();
    }

    [Fact]
    public async Task ApiBody_LargerThanTheCap_IsRefusedWith413()
    {
        var huge = new StringContent(JsonSerializer.Serialize(new { token = new string('x', 20 * 1024 * 1024) }), System.Text.Encoding.UTF8, "application/json");

        var refused = await _host.Http.PostAsync("/api/session", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("larger than 2048 bytes", await ErrorOf(refused));
    }

    [Fact]
    public async Task ApiBody_StreamedWithoutALength_IsCutOffAt413()
    {
        var chunked = new StreamContent(new MemoryStream(new byte[64 * 1024]));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;

        var refused = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
}
