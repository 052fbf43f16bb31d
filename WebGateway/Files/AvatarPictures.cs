using SkiaSharp;

namespace OrleansChat.WebGateway.Files;

/// <summary>
/// Makes a user's picture from an uploaded image: decoded by SkiaSharp (which proves it is the image it claims), the
/// largest centred square cut out, scaled to <c>size</c>², turned upright by its EXIF orientation, encoded as WebP. What
/// is stored and served is always this re-encoding, never the uploaded bytes.
/// </summary>
public static class AvatarPictures
{
    public static byte[] Make(byte[] bytes, long maxPixels, int size)
    {
        var (image, origin) = Thumbnails.Decode(bytes, maxPixels);
        using var _ = image;
        // A centred square turned by any EXIF orientation is the same centred square: cut first, turn the small one.
        var side = Math.Min(image.Width, image.Height);
        using var square = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (!image.ExtractSubset(square, SKRectI.Create((image.Width - side) / 2, (image.Height - side) / 2, side, side)))
            throw new ChatException("The image cannot be read: it is damaged or not an image.");
        using var scaled = square.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new ChatException("The image cannot be read: it is damaged or not an image.");
        using var upright = Thumbnails.Upright(scaled, origin);
        using var encoded = upright.Encode(SKEncodedImageFormat.Webp, 85)
            ?? throw new InvalidOperationException("SkiaSharp could not encode a WebP picture.");
        return encoded.ToArray();
    }
}
