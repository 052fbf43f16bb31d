using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Grains.Files;
using OrleansChat.Tests.Infrastructure;
using static OrleansChat.Tests.Infrastructure.ApiErrors;
using SkiaSharp;

namespace OrleansChat.Tests.Files;

/// <summary>
/// Sharing files over HTTP on a real gateway: uploads and downloads by members, non-members and kicked users, files too
/// large or of the wrong type, the quota and the upload rate, and the delete of a message deleting its bytes.
/// </summary>
public sealed class FileEndpointTests(FileEndpointTests.Gateway gateway) : IClassFixture<FileEndpointTests.Gateway>
{
    public const int MaxBytes = 1_000_000;
    public const int Burst = 6;

    /// <summary>A gateway with small file limits: 1 MB a file, 3.2 MB a user, 6 uploads and then hardly any, 3 megapixels.</summary>
    public sealed class Gateway() : GatewayFixture(new Dictionary<string, string>
    {
        ["Chat:Files:MaxBytes"] = MaxBytes.ToString(),
        ["Chat:Files:QuotaBytes"] = "3200000",
        ["Chat:Files:UploadBurst"] = Burst.ToString(),
        ["Chat:Files:UploadsPerMinute"] = "0.01",
        ["Chat:Files:MaxImagePixels"] = "3000000",
    });

    private GatewayHost Host => gateway.Host;

    private static string Id() => Guid.NewGuid().ToString("N");

    private static async Task<string> NewRoomAsync(ChatClient owner, params ChatClient[] members)
    {
        var created = await owner.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Files {Guid.NewGuid().ToString("N")[..10]}");
        foreach (var m in members) await m.JoinAsync(created.Room.Id);
        return created.Room.Id;
    }

    private static byte[] Png(int width, int height) => FileRequests.Png(width, height);

    private Task<HttpResponseMessage> UploadAsync(string? token, string room, byte[] bytes, string type, string name) =>
        FileRequests.UploadAsync(Host.Http, token, room, bytes, type, name);

    private async Task<FileAttachment> UploadOkAsync(ChatClient who, string room, byte[] bytes, string type, string name)
    {
        using var response = await UploadAsync(who.Session.Token, room, bytes, type, name);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<FileRequests.Uploaded>())!.Attachment!;
    }

    private Task<HttpResponseMessage> DownloadAsync(ChatClient who, string id, bool thumbnail = false) =>
        FileRequests.DownloadAsync(Host.Http, who.Session.Token, id, thumbnail);

    [Fact]
    public async Task Upload_ByAMember_IsAMessageEventOfTheRoom_AndMembersDownloadItAsAnAttachment()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a, b);
        var text = await a.SendAsync(room, "the notes:");
        var bytes = "room 4.12, Thursday 10:00\n"u8.ToArray();

        var file = await UploadOkAsync(a, room, bytes, "text/plain; charset=utf-8", "notes.txt");

        await b.WaitUntil(c => c.Messages(room).Count == 2, "the text and the file message");
        var message = b.Messages(room)[1];
        Assert.Equal((text.Seq + 1, RoomEventKinds.Message, a.UserId, ""), (message.Seq, message.Kind, message.AuthorId, message.Text));
        Assert.Equal(new FileAttachment(file.Id, "notes.txt", bytes.Length, "text/plain"), message.Attachment);
        var history = await b.Connection.InvokeAsync<EventPage>("History", room, long.MaxValue, 50);
        Assert.Equal(message.Attachment, history.Events[^1].Attachment);

        using var download = await DownloadAsync(b, file.Id);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("notes.txt", download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("sandbox", Assert.Single(download.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_GetsAThumbnailSizedForTheTimeline_AndOnlyTheImageIsServedInline()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a);
        var png = Png(2000, 1000);

        var file = await UploadOkAsync(a, room, png, "image/png", "screenshot.png");

        Assert.Equal((2000, 1000, 480, 240), (file.Width, file.Height, file.ThumbWidth, file.ThumbHeight));
        using var thumb = await DownloadAsync(a, file.Id, thumbnail: true);
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        Assert.Equal("image/webp", thumb.Content.Headers.ContentType!.MediaType);
        using (var decoded = SKBitmap.Decode(await thumb.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((480, 240), (decoded.Width, decoded.Height));
        }
        using var original = await DownloadAsync(a, file.Id);
        Assert.Equal(png, await original.Content.ReadAsByteArrayAsync());
        Assert.Equal(("image/png", "inline"), (original.Content.Headers.ContentType!.MediaType, original.Content.Headers.ContentDisposition!.DispositionType));
        Assert.Equal("nosniff", Assert.Single(original.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task NonMembers_CannotUploadOrDownload_AndAKickedUsersWorkingLinkStopsWorking()
    {
        await using var owner = await ChatClient.ConnectAsync(Host);
        await using var kicked = await ChatClient.ConnectAsync(Host);
        await using var outsider = await ChatClient.ConnectAsync(Host);
        var room = (await owner.Connection.InvokeAsync<JoinResult>("CreatePrivateRoom", "Exam answers")).Room.Id;
        await owner.Connection.InvokeAsync<MemberInfo>("Invite", room, kicked.UserId);
        var file = await UploadOkAsync(owner, room, Png(40, 30), "image/png", "answers.png");
        using (var worked = await DownloadAsync(kicked, file.Id))
        {
            Assert.Equal(HttpStatusCode.OK, worked.StatusCode);
        }

        await owner.Connection.InvokeAsync("Kick", room, kicked.UserId);

        foreach (var refused in new[] { kicked, outsider })
        {
            foreach (var thumbnail in new[] { false, true })
            {
                using var response = await DownloadAsync(refused, file.Id, thumbnail);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.DoesNotContain("PNG", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            using var upload = await UploadAsync(refused.Session.Token, room, Png(10, 10), "image/png", "mine.png");
            Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
            Assert.Contains("There is no room", await ErrorOf(upload), StringComparison.Ordinal);
        }
        using var anonymous = await Host.Http.GetAsync($"/api/files/{file.Id}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var anonymousUpload = await UploadAsync(null, room, Png(10, 10), "image/png", "x.png");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousUpload.StatusCode);
        Assert.Equal(0, await Host.Services.GetRequiredService<IFileStore>().UsedBytesAsync(outsider.UserId));
    }

    [Fact]
    public async Task Oversized_IsRefusedWith413_AndNothingIsStored()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a);

        using var response = await UploadAsync(a.Session.Token, room, new byte[MaxBytes + 1], "application/zip", "big.zip");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The file is too large: at most 976.6 KB.", await ErrorOf(response));
        Assert.Equal(0, await Host.Services.GetRequiredService<IFileStore>().UsedBytesAsync(a.UserId));
        var history = await a.Connection.InvokeAsync<EventPage>("History", room, long.MaxValue, 50);
        Assert.Empty(history.Events);
    }

    [Fact]
    public async Task Mistyped_ImagesAreRefused_AndSvgAndHtmlAreOnlyEverAttachments()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a);
        var html = "<html><script>alert(document.cookie)</script></html>"u8.ToArray();
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray();

        using (var fakePng = await UploadAsync(a.Session.Token, room, html, "image/png", "cat.png"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, fakePng.StatusCode);
            Assert.Equal("The file is not a PNG image: its content does not match its type.", await ErrorOf(fakePng));
        }
        using (var hiddenPng = await UploadAsync(a.Session.Token, room, Png(8, 8), "text/plain", "cat.txt"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, hiddenPng.StatusCode);
            Assert.Equal("The file is a PNG image but was sent as text/plain.", await ErrorOf(hiddenPng));
        }
        var truncated = Png(300, 300)[..60];
        using (var broken = await UploadAsync(a.Session.Token, room, truncated, "image/png", "broken.png"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, broken.StatusCode);
        }

        foreach (var (bytes, type, name) in new[] { (svg, "image/svg+xml", "logo.svg"), (html, "text/html", "page.html") })
        {
            var file = await UploadOkAsync(a, room, bytes, type, name);
            Assert.Null(file.ThumbWidth);
            using var download = await DownloadAsync(a, file.Id);
            Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
            Assert.Contains("sandbox", Assert.Single(download.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            using var thumb = await DownloadAsync(a, file.Id, thumbnail: true);
            Assert.Equal(HttpStatusCode.NotFound, thumb.StatusCode);
        }
        await a.WaitUntil(c => c.Received(room).Count == 2, "only the two accepted files");
    }

    [Fact]
    public async Task Quota_RefusesAnUploadThatWouldPassIt_AndDeletingAMessageWithAFileFreesItsBytes()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        await using var b = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a, b);
        var files = Host.Services.GetRequiredService<IFileStore>();
        var stored = new List<FileAttachment>();
        for (var i = 0; i < 3; i++) stored.Add(await UploadOkAsync(a, room, new byte[MaxBytes], "application/octet-stream", $"part{i}.bin"));

        using (var over = await UploadAsync(a.Session.Token, room, new byte[MaxBytes], "application/octet-stream", "part3.bin"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
            Assert.StartsWith("Your files would use more than your storage quota of 3.1 MB (2.9 MB used).", await ErrorOf(over), StringComparison.Ordinal);
        }
        await b.WaitUntil(c => c.Messages(room).Count == 3, "the three files");
        var first = b.Messages(room)[0].Seq;

        var delete = await a.Connection.InvokeAsync<PostResult>("Delete", room, Id(), first);

        await b.WaitUntil(c => c.Received(room).Any(e => e.Seq == delete.Seq), "the delete");
        Assert.Null(await files.FindAsync(stored[0].Id));
        using (var gone = await DownloadAsync(b, stored[0].Id))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        Assert.Equal(2 * MaxBytes, await files.UsedBytesAsync(a.UserId));
        var history = await b.Connection.InvokeAsync<EventPage>("History", room, long.MaxValue, 50);
        Assert.Null(history.Events.Single(e => e.Seq == first).Attachment);
        await UploadOkAsync(a, room, new byte[MaxBytes], "application/octet-stream", "part3.bin");
    }

    [Fact]
    public async Task Uploads_PastTheBurst_AreRefusedAsTooFast()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a);
        for (var i = 0; i < Burst; i++) await UploadOkAsync(a, room, [(byte)i], "application/octet-stream", $"{i}.bin");

        using var refused = await UploadAsync(a.Session.Token, room, [1], "application/octet-stream", "one-more.bin");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("You are uploading files too fast. Please wait a minute.", await ErrorOf(refused));
    }

    [Fact]
    public async Task BanAndDelete_RemovesTheBannedUsersFiles()
    {
        await using var owner = await ChatClient.ConnectAsync(Host);
        await using var spammer = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(owner, spammer);
        var file = await UploadOkAsync(spammer, room, Png(64, 64), "image/png", "spam.png");

        var deleted = await owner.Connection.InvokeAsync<int>("BanAndDelete", room, spammer.UserId, 24);

        Assert.Equal(1, deleted);
        Assert.Null(await Host.Services.GetRequiredService<IFileStore>().FindAsync(file.Id));
        using var gone = await DownloadAsync(owner, file.Id, thumbnail: true);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Upload_WithoutALength_IsRefusedWith411_AndAnImageOfTooManyPixelsWith415()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/rooms/{room}/files?name=stream.bin&clientMsgId={Id()}")
        {
            // A stream of unknown length goes out chunked, without Content-Length.
            Content = new StreamContent(new UnseekableStream(new byte[100])),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", a.Session.Token);

        using var chunked = await Host.Http.SendAsync(request);
        using var huge = await UploadAsync(a.Session.Token, room, Png(2000, 2000), "image/png", "huge.png");

        Assert.Equal(HttpStatusCode.LengthRequired, chunked.StatusCode);
        Assert.Equal("An upload must state its length (Content-Length).", await ErrorOf(chunked));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, huge.StatusCode);
        Assert.Equal("The image is too large: at most 3 megapixels.", await ErrorOf(huge));
        Assert.Equal(0, await Host.Services.GetRequiredService<IFileStore>().UsedBytesAsync(a.UserId));
    }

    [Fact]
    public async Task RetriedUpload_WithTheSameMessageId_IsOneMessage_AndKeepsOneCopy()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a);
        var clientMsgId = Id();

        using var first = await FileRequests.UploadAsync(Host.Http, a.Session.Token, room, [1, 2, 3, 4], "application/octet-stream", "a.bin", clientMsgId);
        using var retry = await FileRequests.UploadAsync(Host.Http, a.Session.Token, room, [1, 2, 3, 4], "application/octet-stream", "a.bin", clientMsgId);

        var original = (await first.Content.ReadFromJsonAsync<FileRequests.Uploaded>())!;
        var duplicate = (await retry.Content.ReadFromJsonAsync<FileRequests.Uploaded>())!;
        Assert.Equal((original.Seq, false, true), (duplicate.Seq, original.Duplicate, duplicate.Duplicate));
        Assert.Null(duplicate.Attachment);
        Assert.Equal(4, await Host.Services.GetRequiredService<IFileStore>().UsedBytesAsync(a.UserId));
        var history = await a.Connection.InvokeAsync<EventPage>("History", room, long.MaxValue, 50);
        Assert.Equal(original.Attachment, Assert.Single(history.Events).Attachment);
    }

    /// <summary>A stream that cannot tell its length, so HttpClient sends it chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public async Task PhonePhoto_StoredSideways_GetsAnUprightThumbnail_AndItsShownSize()
    {
        await using var a = await ChatClient.ConnectAsync(Host);
        var room = await NewRoomAsync(a);
        // 200 × 100 stored, left half red and right half blue; EXIF orientation 6: shown turned a quarter clockwise.
        using var bitmap = new SKBitmap(200, 100);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, 100, 100, red);
        }
        using var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        var photo = WithExifOrientation(jpeg.ToArray(), 6);

        var file = await UploadOkAsync(a, room, photo, "image/jpeg", "whiteboard.jpg");

        Assert.Equal((100, 200, 100, 200), (file.Width, file.Height, file.ThumbWidth, file.ThumbHeight));
        using var thumb = await DownloadAsync(a, file.Id, thumbnail: true);
        using var shown = SKBitmap.Decode(await thumb.Content.ReadAsByteArrayAsync());
        Assert.Equal((100, 200), (shown.Width, shown.Height));
        Assert.True(shown.GetPixel(50, 20).Red > 200, "the red half is on top");
        Assert.True(shown.GetPixel(50, 180).Blue > 200, "the blue half is below");
    }

    /// <summary>The JPEG with an EXIF segment (APP1) right after its start that holds only the orientation tag.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at offset 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, // Orientation, SHORT, 1 value
            0, 0, 0, 0, // no next IFD
        ];
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }
}
