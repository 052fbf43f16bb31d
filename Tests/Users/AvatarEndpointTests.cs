using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Tests.Infrastructure;
using static OrleansChat.Tests.Infrastructure.ApiErrors;
using SkiaSharp;

namespace OrleansChat.Tests.Users;

/// <summary>
/// Users' pictures over HTTP on a real gateway: an upload becomes a 128 px square WebP that every logged-in user can
/// fetch, is pushed to the rooms of its owner as a <c>profile</c> member change, and can be removed; too large, not an
/// image, SVG and HTML are refused.
/// </summary>
public sealed class AvatarEndpointTests(AvatarEndpointTests.Gateway gateway) : IClassFixture<AvatarEndpointTests.Gateway>
{
    public const int MaxBytes = 300 * 1024;
    public const int ChangeBurst = 3;

    /// <summary>A gateway whose pictures may be at most 300 KB, changed 3 times and then hardly ever.</summary>
    public sealed class Gateway() : GatewayFixture(new Dictionary<string, string>
    {
        ["Chat:Avatars:MaxBytes"] = MaxBytes.ToString(),
        ["Chat:Avatars:ChangeBurst"] = ChangeBurst.ToString(),
        ["Chat:Avatars:ChangesPerHour"] = "0.01",
    });

    private GatewayHost Host => gateway.Host;

    private Task<HttpResponseMessage> UploadAsync(string? token, byte[] bytes, string type) => AvatarRequests.UploadAsync(Host.Http, token, bytes, type);

    private Task<HttpResponseMessage> GetAsync(ChatClient? who, Guid userId, int? version = null) =>
        AvatarRequests.GetAsync(Host.Http, who?.Session.Token, userId, version);

    private async Task<UserProfile> UploadOkAsync(ChatClient who, byte[] bytes, string type = "image/png")
    {
        using var response = await UploadAsync(who.Session.Token, bytes, type);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<UserProfile>())!;
    }

    /// <summary>A wide PNG: red on its left third, blue in its middle third, green on its right third.</summary>
    private static byte[] Stripes(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            using var green = new SKPaint { Color = SKColors.Lime };
            canvas.DrawRect(0, 0, width / 3f, height, red);
            canvas.DrawRect(width * 2 / 3f, 0, width / 3f, height, green);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Fact]
    public async Task Upload_IsCutToACentredSquare_AndAnotherUserSeesIt()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);

        var profile = await UploadOkAsync(a, Stripes(900, 300));

        Assert.True(profile.Avatar > 0);
        using var response = await GetAsync(b, a.UserId, profile.Avatar);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        using var picture = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((128, 128), (picture.Width, picture.Height));
        // Only the middle third (blue) of the 900 × 300 image is in the square.
        foreach (var (x, y) in new[] { (2, 2), (125, 64), (64, 125) })
        {
            var colour = picture.GetPixel(x, y);
            Assert.True(colour.Blue > 200 && colour.Red < 60 && colour.Green < 60, $"({x}, {y}) is {colour}");
        }
        Assert.Equal(profile.Avatar, (await a.Connection.InvokeAsync<UserProfile>("Hello")).Avatar);
    }

    [Fact]
    public async Task Upload_IsPushedToTheRoomsOfTheUser_AndRemovalGoesBackToTheGeneratedOne()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        var room = (await a.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Pictures {Guid.NewGuid().ToString("N")[..10]}")).Room.Id;
        await b.JoinAsync(room);

        var profile = await UploadOkAsync(a, FileRequests.Png(200, 200));

        await b.WaitUntil(c => c.Changes(room).Any(m => m.Kind == MemberChangeKinds.Profile && m.Member.UserId == a.UserId && m.Member.Avatar == profile.Avatar),
            "a's new picture pushed to the room");
        var members = await b.Connection.AllMembersAsync(room);
        Assert.Equal(profile.Avatar, members.Single(m => m.UserId == a.UserId).Avatar);

        using var removed = await AvatarRequests.RemoveAsync(Host.Http, a.Session.Token);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(0, (await removed.Content.ReadFromJsonAsync<UserProfile>())!.Avatar);
        await b.WaitUntil(c => c.Changes(room).Any(m => m.Kind == MemberChangeKinds.Profile && m.Member.UserId == a.UserId && m.Member.Avatar == 0),
            "a's removal pushed to the room");
        using var gone = await GetAsync(b, a.UserId);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        var again = await UploadOkAsync(a, FileRequests.Png(64, 64));
        Assert.True(again.Avatar > profile.Avatar, "a new picture never reuses a version pages may have cached");
    }

    [Fact]
    public async Task Joining_ARoom_BringsThePictureAlong()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        var profile = await UploadOkAsync(a, FileRequests.Png(100, 100));
        var room = (await b.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Later {Guid.NewGuid().ToString("N")[..10]}")).Room.Id;

        var joined = await a.JoinAsync(room);

        Assert.Equal(profile.Avatar, joined.Members.Single(m => m.UserId == a.UserId).Avatar);
        await b.WaitUntil(c => c.Changes(room).Any(m => m.Kind == MemberChangeKinds.Joined && m.Member.UserId == a.UserId && m.Member.Avatar == profile.Avatar),
            "a joined with the picture");
    }

    [Fact]
    public async Task ANewDirectConversation_ShowsBothPictures_ToTheOneWhoOpensIt()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        var aProfile = await UploadOkAsync(a, FileRequests.Png(80, 80));
        var bProfile = await UploadOkAsync(b, FileRequests.Png(90, 90));

        var opened = await b.Connection.InvokeAsync<JoinResult>("OpenDirect", a.UserId);

        Assert.Equal((aProfile.Avatar, bProfile.Avatar),
            (opened.Members.Single(m => m.UserId == a.UserId).Avatar, opened.Members.Single(m => m.UserId == b.UserId).Avatar));
    }

    [Fact]
    public async Task ChangingThePictureTooOften_IsRefused_RemovalsCounting()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var kept = await UploadOkAsync(a, FileRequests.Png(40, 40));
        using (await AvatarRequests.RemoveAsync(Host.Http, a.Session.Token)) { }
        var last = await UploadOkAsync(a, FileRequests.Png(41, 41));

        using var refused = await UploadAsync(a.Session.Token, FileRequests.Png(42, 42), "image/png");

        Assert.Equal(ChangeBurst, last.Avatar - kept.Avatar + 1);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("You are changing your picture too often. Please wait a while.", await ErrorOf(refused));
        using var current = await GetAsync(a, a.UserId, last.Avatar);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task TheUserGrain_StoresOnlyASmallWebP_WhoeverCallsIt()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var user = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(a.UserId);

        var html = await Assert.ThrowsAsync<ChatException>(() => user.SetAvatar("<html><script>alert(1)</script></html>"u8.ToArray()));
        var big = await Assert.ThrowsAsync<ChatException>(() => user.SetAvatar([.. "RIFF\0\0\0\0WEBP"u8, .. new byte[300 * 1024]]));

        Assert.Equal("A picture is stored as a WebP image of at most 256 KB.", html.Message);
        Assert.Equal(html.Message, big.Message);
        Assert.Null(await user.GetAvatar());
    }

    [Fact]
    public async Task TooLarge_IsRefusedBeforeReading()
    {
        await using var a = await ChatClient.ConnectAsync(Host);

        using var response = await UploadAsync(a.Session.Token, new byte[MaxBytes + 1], "image/png");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The picture is too large: at most 300 KB.", await ErrorOf(response));
    }

    [Theory]
    [InlineData("image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "A picture must be a PNG, JPEG, GIF or WebP image.")]
    [InlineData("text/html", "<html><script>alert(1)</script></html>", "A picture must be a PNG, JPEG, GIF or WebP image.")]
    [InlineData("image/png", "<html><script>alert(1)</script></html>", "The file is not a PNG image: its content does not match its type.")]
    [InlineData("image/jpeg", "\u00ff\u00d8\u00ff not really a JPEG", "The image cannot be read: it is damaged or not an image.")]
    public async Task NotAnImage_IsRefused_AndNothingIsStored(string type, string content, string error)
    {
        await using var a = await ChatClient.ConnectAsync(Host);

        using var response = await UploadAsync(a.Session.Token, System.Text.Encoding.Latin1.GetBytes(content), type);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(error, await ErrorOf(response));
        using var none = await GetAsync(a, a.UserId);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task WithoutAToken_NothingIsUploadedOrServed()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await UploadOkAsync(a, FileRequests.Png(50, 50));

        using var upload = await UploadAsync(null, FileRequests.Png(50, 50), "image/png");
        using var download = await GetAsync(null, a.UserId);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (upload.StatusCode, download.StatusCode));
    }
}
