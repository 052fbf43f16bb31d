using Microsoft.Extensions.Options;
using OrleansChat.Grains.Files;
using OrleansChat.Grains.Users;
using OrleansChat.WebGateway.Hosting;
using static OrleansChat.WebGateway.Files.FileEndpoints;

namespace OrleansChat.WebGateway.Files;

/// <summary>
/// <c>POST /api/avatar</c> (the caller's new picture, from an image as the raw body), <c>DELETE /api/avatar</c> (back to
/// the generated avatar) and <c>GET /api/avatars/{userId}</c> (anyone's picture, to any logged-in user), docs/protocol.md §6.
/// The picture lives in the user grain's storage, so every gateway serves it.
/// </summary>
public static class AvatarEndpoints
{
    // A picture is only ever shown as an image: nothing in it may run as a page of ours.
    private const string PictureSecurityPolicy = "default-src 'none'; sandbox";

    public static IEndpointRouteBuilder MapAvatarEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/avatar", UploadAsync)
            .DisableAntiforgery().RequireAuthorization().WithMetadata(new LargeBody())
            .RequireRateLimiting(HttpLimits.UploadPolicy).AddEndpointFilter<ApiErrors>();
        endpoints.MapDelete("/api/avatar", async (HttpContext http, IGrainFactory grains) =>
            Results.Ok(await grains.GetGrain<IUserGrain>(UserOf(http)).RemoveAvatar()))
            .DisableAntiforgery().RequireAuthorization().AddEndpointFilter<ApiErrors>();
        endpoints.MapGet("/api/avatars/{userId:guid}", DownloadAsync).RequireAuthorization().AddEndpointFilter<ApiErrors>();
        return endpoints;
    }

    private static async Task<IResult> UploadAsync(
        HttpContext http, IGrainFactory grains, IOptions<AvatarOptions> options, IOptions<FileLimitOptions> files)
    {
        var limits = options.Value;
        if (FileContent.Normalise(http.Request.ContentType) is not { } declared)
            return Error(StatusCodes.Status415UnsupportedMediaType, "The picture's type is not a valid media type.");
        if (!FileContent.InlineImages.Contains(declared))
            return Error(StatusCodes.Status415UnsupportedMediaType, "A picture must be a PNG, JPEG, GIF or WebP image.");
        if (http.Request.ContentLength is not { } length) return Error(StatusCodes.Status411LengthRequired, "An upload must state its length (Content-Length).");
        if (length > limits.MaxBytes) return Error(StatusCodes.Status413PayloadTooLarge, $"The picture is too large: at most {FileSizes.Format(limits.MaxBytes)}.");
        if (length == 0) return Error(StatusCodes.Status400BadRequest, "The picture is empty.");

        if (await RawBody.ReadAsync(http, length, limits.MaxBytes) is not { } bytes)
            return Error(StatusCodes.Status400BadRequest, "The upload ended before its stated length.");

        if (FileContent.Mismatch(declared, FileContent.Sniff(bytes)) is { } mismatch) return Error(StatusCodes.Status415UnsupportedMediaType, mismatch);
        byte[] picture;
        try
        {
            picture = AvatarPictures.Make(bytes, files.Value.MaxImagePixels, limits.Size);
        }
        catch (ChatException ex)
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, ex.Message);
        }
        return Results.Ok(await grains.GetGrain<IUserGrain>(UserOf(http)).SetAvatar(picture));
    }

    private static async Task<IResult> DownloadAsync(Guid userId, HttpContext http, IGrainFactory grains)
    {
        if (await grains.GetGrain<IUserGrain>(userId).GetAvatar() is not { } picture)
            return Error(StatusCodes.Status404NotFound, "That user has no picture.");
        var response = http.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = PictureSecurityPolicy;
        response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
        // A version's bytes never change: asked for by the version it has, the picture may be kept as long as wanted.
        response.Headers.CacheControl = http.Request.Query["v"] == picture.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ? "private, max-age=31536000, immutable"
            : "private, no-cache";
        response.Headers.ETag = $"\"{picture.Version}\"";
        return Results.Bytes(picture.Bytes, Thumbnails.ContentType);
    }
}
