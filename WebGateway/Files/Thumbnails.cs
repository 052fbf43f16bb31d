using SkiaSharp;

namespace OrleansChat.WebGateway.Files;

/// <summary>
/// Decodes an uploaded image with SkiaSharp (which also proves the bytes are the image they claim to be) and makes its
/// thumbnail: the whole image scaled to fit a square of the configured size (never enlarged), as WebP, turned upright
/// as the image's EXIF orientation says (a phone's photo is stored sideways; browsers show the original upright). GIF
/// and WebP animations keep their first frame; the full image is the original.
/// </summary>
public static class Thumbnails
{
    public sealed record Result(int Width, int Height, int ThumbWidth, int ThumbHeight, byte[] Bytes);

    public const string ContentType = "image/webp";

    /// <summary>The image's size and thumbnail; throws <see cref="ChatException"/> when it does not decode or is too large.</summary>
    public static Result Make(byte[] bytes, long maxPixels, int size)
    {
        var (image, origin) = Decode(bytes, maxPixels);
        using var _ = image;
        var (width, height) = (image.Width, image.Height);
        var scale = Math.Min(1.0, (double)size / Math.Max(width, height));
        var thumbWidth = Math.Max(1, (int)Math.Round(width * scale));
        var thumbHeight = Math.Max(1, (int)Math.Round(height * scale));
        using var thumb = image.Resize(new SKImageInfo(thumbWidth, thumbHeight, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new ChatException("The image cannot be read: it is damaged or not an image.");
        using var upright = Upright(thumb, origin);
        using var encoded = upright.Encode(SKEncodedImageFormat.Webp, 80)
            ?? throw new InvalidOperationException("SkiaSharp could not encode a WebP thumbnail.");
        return Turned(origin)
            ? new Result(height, width, thumbHeight, thumbWidth, encoded.ToArray())
            : new Result(width, height, thumbWidth, thumbHeight, encoded.ToArray());
    }

    /// <summary>
    /// The image's pixels as stored (first frame) and the EXIF orientation to show them in; throws
    /// <see cref="ChatException"/> when the bytes do not decode or have more than <paramref name="maxPixels"/> pixels
    /// (read from the header, before decoding).
    /// </summary>
    public static (SKBitmap Pixels, SKEncodedOrigin Origin) Decode(byte[] bytes, long maxPixels)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new ChatException("The image cannot be read: it is damaged or not an image.");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0) throw new ChatException("The image cannot be read: it is damaged or not an image.");
        if ((long)width * height > maxPixels)
            throw new ChatException($"The image is too large: at most {maxPixels / 1_000_000} megapixels.");

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var image = new SKBitmap(info);
        if (codec.GetPixels(info, image.GetPixels()) != SKCodecResult.Success)
        {
            image.Dispose();
            throw new ChatException("The image cannot be read: it is damaged or not an image.");
        }
        return (image, codec.EncodedOrigin);
    }

    /// <summary>EXIF orientations 5 to 8 turn the image a quarter: width and height change places.</summary>
    private static bool Turned(SKEncodedOrigin origin) => origin >= SKEncodedOrigin.LeftTop;

    /// <summary>The bitmap as it is to be seen: x' = a·x + b·y + c, y' = d·x + e·y + f for each EXIF orientation.</summary>
    public static SKBitmap Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var (w, h) = ((float)bitmap.Width, (float)bitmap.Height);
        (float A, float B, float C, float D, float E, float F) map = origin switch
        {
            SKEncodedOrigin.TopRight => (-1, 0, w, 0, 1, 0),
            SKEncodedOrigin.BottomRight => (-1, 0, w, 0, -1, h),
            SKEncodedOrigin.BottomLeft => (1, 0, 0, 0, -1, h),
            SKEncodedOrigin.LeftTop => (0, 1, 0, 1, 0, 0),
            SKEncodedOrigin.RightTop => (0, -1, h, 1, 0, 0),
            SKEncodedOrigin.RightBottom => (0, -1, h, -1, 0, w),
            SKEncodedOrigin.LeftBottom => (0, 1, 0, -1, 0, w),
            _ => (1, 0, 0, 0, 1, 0),
        };
        var turned = Turned(origin);
        var result = new SKBitmap(new SKImageInfo(turned ? bitmap.Height : bitmap.Width, turned ? bitmap.Width : bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        canvas.SetMatrix(new SKMatrix(map.A, map.B, map.C, map.D, map.E, map.F, 0, 0, 1));
        canvas.DrawBitmap(bitmap, 0, 0);
        return result;
    }
}
