using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OrleansChat.Grains.Files;
using OrleansChat.WebGateway.Hosting;

namespace OrleansChat.WebGateway.Files;

/// <summary>
/// <c>POST /api/rooms/{roomId}/files</c>: shares a file in a room (the bytes, then a message carrying it);
/// <c>GET /api/files/{id}</c> and <c>/thumb</c>: the file or its thumbnail, to members of its room only, checked by the
/// room on every request (docs/protocol.md §5). Both take the identity token as <c>Authorization: Bearer</c>.
/// </summary>
public static class FileEndpoints
{
    /// <summary>What a successful upload answers: the message's acknowledgement and what it carries.</summary>
    public sealed record UploadResponse(long Seq, DateTimeOffset At, bool Duplicate, FileAttachment? Attachment);

    private const int MaxNameLength = 255;

    // Nothing a file holds may run as a page of ours, whatever a browser guesses: no script, no plugin, no frame.
    private const string FileSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/rooms/{roomId}/files", UploadAsync)
            .DisableAntiforgery().RequireAuthorization().WithMetadata(new LargeBody())
            .RequireRateLimiting(HttpLimits.UploadPolicy).AddEndpointFilter<ApiErrors>();
        endpoints.MapGet("/api/files/{id}", (string id, HttpContext http, IGrainFactory grains, IFileStore store) =>
            DownloadAsync(id, thumbnail: false, http, grains, store)).RequireAuthorization().AddEndpointFilter<ApiErrors>();
        endpoints.MapGet("/api/files/{id}/thumb", (string id, HttpContext http, IGrainFactory grains, IFileStore store) =>
            DownloadAsync(id, thumbnail: true, http, grains, store)).RequireAuthorization().AddEndpointFilter<ApiErrors>();
        return endpoints;
    }

    internal static Guid UserOf(HttpContext http) => Guid.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    internal static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    private static async Task<IResult> UploadAsync(
        string roomId, HttpContext http, IGrainFactory grains, IFileStore store, IOptions<FileLimitOptions> options, TimeProvider time)
    {
        var limits = options.Value;
        var userId = UserOf(http);
        var name = CleanName(http.Request.Query["name"]);
        string? clientMsgId = http.Request.Query["clientMsgId"];
        if (roomId.Length > 100) return Error(StatusCodes.Status400BadRequest, "There is no such room.");
        if (name is null) return Error(StatusCodes.Status400BadRequest, $"A file needs a name of 1 to {MaxNameLength} characters.");
        if (string.IsNullOrEmpty(clientMsgId) || clientMsgId.Length > ChatLimits.MaxClientMsgIdLength)
            return Error(StatusCodes.Status400BadRequest, $"A message id has 1 to {ChatLimits.MaxClientMsgIdLength} characters.");
        if (FileContent.Normalise(http.Request.ContentType) is not { } declared)
            return Error(StatusCodes.Status415UnsupportedMediaType, "The file's type is not a valid media type.");
        if (http.Request.ContentLength is not { } length) return Error(StatusCodes.Status411LengthRequired, "An upload must state its length (Content-Length).");
        if (length > limits.MaxBytes) return Error(StatusCodes.Status413PayloadTooLarge, $"The file is too large: at most {FileSizes.Format(limits.MaxBytes)}.");
        if (length == 0) return Error(StatusCodes.Status400BadRequest, "The file is empty.");

        // Membership, rate and quota are the grains' rules, checked before a byte is read.
        var room = grains.GetGrain<IRoomGrain>(roomId);
        await room.AuthorizeUpload(userId, length);

        if (await RawBody.ReadAsync(http, length, limits.MaxBytes) is not { } bytes)
            return Error(StatusCodes.Status400BadRequest, "The upload ended before its stated length.");

        var sniffed = FileContent.Sniff(bytes);
        if (FileContent.Mismatch(declared, sniffed) is { } mismatch) return Error(StatusCodes.Status415UnsupportedMediaType, mismatch);
        Thumbnails.Result? image = null;
        if (FileContent.InlineImages.Contains(declared))
        {
            try
            {
                image = Thumbnails.Make(bytes, limits.MaxImagePixels, limits.ThumbnailSize);
            }
            catch (ChatException ex)
            {
                return Error(StatusCodes.Status415UnsupportedMediaType, ex.Message);
            }
        }

        var id = FileChunks.NewId();
        await store.SaveAsync(new StoredFile(id, roomId, userId, name, declared, length, image?.Bytes.Length, time.GetUtcNow()), bytes, image?.Bytes ?? default);
        var attachment = new FileAttachment(id, name, length, declared, image?.Width, image?.Height, image?.ThumbWidth, image?.ThumbHeight);
        PostResult posted;
        try
        {
            posted = (await room.Post(userId, [new PostRequest(clientMsgId, "", File: attachment)]))[0].Acknowledged();
        }
        catch
        {
            // Refused (the user left meanwhile, too many messages) or not stored: the bytes have no message.
            await store.DeleteAsync(id);
            throw;
        }
        if (posted.Duplicate)
        {
            // A retry of an upload that was posted already: that message carries the first copy.
            await store.DeleteAsync(id);
            return Results.Ok(new UploadResponse(posted.Seq, posted.At, true, null));
        }
        return Results.Ok(new UploadResponse(posted.Seq, posted.At, false, attachment));
    }

    /// <summary>The file name without a path, control or bidi-control characters; null when nothing is left or it is too long.</summary>
    private static string? CleanName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var clean = new string(name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray()).Trim();
        return clean.Length is 0 or > MaxNameLength || clean is "." or ".." ? null : clean;
    }

    private static async Task<IResult> DownloadAsync(string id, bool thumbnail, HttpContext http, IGrainFactory grains, IFileStore store)
    {
        const string missing = "There is no such file, or you are not a member of its room.";
        if (!FileChunks.IsValidId(id)) return Error(StatusCodes.Status404NotFound, missing);
        // Asked of the room on every request: a link copied out of the room stops working for a user who left or was
        // removed. To a non-member a file looks exactly like one that does not exist.
        if (await store.FindAsync(id, http.RequestAborted) is not { } file
            || !await grains.GetGrain<IRoomGrain>(file.RoomId).CanRead(UserOf(http))
            || (thumbnail && file.ThumbnailSize is null))
        {
            return Error(StatusCodes.Status404NotFound, missing);
        }

        var inline = thumbnail || FileContent.InlineImages.Contains(file.ContentType);
        var response = http.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = FileSecurityPolicy;
        response.Headers.CacheControl = "private, no-store";
        response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
        response.ContentType = thumbnail ? Thumbnails.ContentType : inline ? file.ContentType : "application/octet-stream";
        response.ContentLength = thumbnail ? file.ThumbnailSize : file.Size;
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.Name);
        response.Headers.ContentDisposition = disposition.ToString();
        if (!await store.CopyToAsync(id, thumbnail, response.Body, http.RequestAborted))
        {
            // Deleted between the look-up and the read: nothing was written yet.
            response.Headers.Remove(HeaderNames.ContentDisposition);
            return Error(StatusCodes.Status404NotFound, missing);
        }
        return Results.Empty;
    }
}
