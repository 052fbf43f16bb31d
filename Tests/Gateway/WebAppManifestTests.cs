using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>The page is installable as an app: a web app manifest linked from the page, with icons that exist (issue 14).</summary>
public sealed partial class WebAppManifestTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => gateway.Host;

    [Fact]
    public async Task ThePage_LinksAManifest_WithAStandaloneStartAndIconsOf192And512Pixels()
    {
        var page = await Host.Http.GetStringAsync("/");
        var href = ManifestLink().Match(page).Groups["href"].Value;
        Assert.Equal("/manifest.webmanifest", href);

        var response = await Host.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        Assert.Equal("OrleansChat", root.GetProperty("name").GetString());
        Assert.Equal("/", root.GetProperty("start_url").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());

        var pngSizes = new List<int>();
        foreach (var icon in root.GetProperty("icons").EnumerateArray())
        {
            var image = await Host.Http.GetAsync(icon.GetProperty("src").GetString());
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal(icon.GetProperty("type").GetString(), image.Content.Headers.ContentType?.MediaType);
            if (icon.GetProperty("type").GetString() != "image/png") continue;
            // The PNG's own header (IHDR width and height) says the size the manifest declares.
            var bytes = await image.Content.ReadAsByteArrayAsync();
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
            var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
            Assert.Equal(icon.GetProperty("sizes").GetString(), $"{width}x{height}");
            pngSizes.Add(width);
        }
        Assert.Contains(192, pngSizes);
        Assert.Contains(512, pngSizes);
    }

    [GeneratedRegex("""<link rel="manifest" href="(?<href>[^"]+)">""")]
    private static partial Regex ManifestLink();
}
