using Microsoft.Playwright;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright, and one gateway for the browser tests of a collection.
/// Screenshots go to <see cref="ArtifactsDirectory"/> (TestResults/screenshots).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("orleanschat-browser");
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public GatewayHost Host { get; private set; } = null!;

    public static string ArtifactsDirectory
    {
        get
        {
            var path = Path.Combine(Repository.TryRoot() ?? AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async Task InitializeAsync()
    {
        // Tests seed long histories through a .NET client; the send rate limit has tests of its own.
        Host = new GatewayHost(_data.Path, new Dictionary<string, string>
        {
            ["Chat:Rooms:SendBurst"] = "100000",
            ["Chat:Users:SendBurst"] = "100000",
            // The browse test makes more public rooms than one page holds.
            ["Chat:Users:RoomCreationBurst"] = "1000",
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary>
/// The browser tests are split over two collections, each with its own Chromium and gateway: the tests of one
/// collection run one after another, the two collections beside each other (the suite's time budget).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <inheritdoc cref="BrowserCollection"/>
[CollectionDefinition(Name)]
public sealed class SecondBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser 2";
}
