using System.Net.Http.Headers;
using SkiaSharp;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>What a client does with files against any running gateway: upload to a room, download by id.</summary>
public static class FileRequests
{
    /// <summary>What a successful upload answers.</summary>
    public sealed record Uploaded(long Seq, DateTimeOffset At, bool Duplicate, FileAttachment? Attachment);

    public static Task<HttpResponseMessage> UploadAsync(HttpClient http, string? token, string room, byte[] bytes, string type, string name, string? clientMsgId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post,
            $"/api/rooms/{room}/files?name={Uri.EscapeDataString(name)}&clientMsgId={clientMsgId ?? Guid.CreateVersion7().ToString()}")
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> DownloadAsync(HttpClient http, string token, string id, bool thumbnail = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/files/{id}{(thumbnail ? "/thumb" : "")}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    /// <summary>A PNG of the given size: a circle on a blue ground.</summary>
    public static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.CornflowerBlue);
            using var paint = new SKPaint { Color = SKColors.OrangeRed };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
