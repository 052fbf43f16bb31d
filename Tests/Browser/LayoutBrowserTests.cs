using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>The page on a phone and on a desktop: what is visible, nothing wider than the screen, drawers.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class LayoutBrowserTests(BrowserFixture browser)
{
    public static BrowserNewContextOptions Phone(ColorScheme scheme = ColorScheme.Light) => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        DeviceScaleFactor = 2,
        ColorScheme = scheme,
    };

    public static BrowserNewContextOptions Desktop(ColorScheme scheme = ColorScheme.Light) => new()
    {
        ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        ColorScheme = scheme,
    };

    [Fact]
    public async Task Phone_ShowsMessagesAndComposer_WithoutHorizontalOverflow_AndListsAsDrawers()
    {
        await using var page = await ChatPage.OpenAsync(browser, options: Phone());
        await SeedConversationAsync(page);
        var rooms = page.Page.Locator("#room-panel");
        var members = page.Page.Locator("#member-panel");

        await Assertions.Expect(page.Page.Locator("#composer")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator("#messages")).ToBeVisibleAsync();
        await Assertions.Expect(rooms).ToBeHiddenAsync();
        await Assertions.Expect(members).ToBeHiddenAsync();
        Assert.True(await page.FitsHorizontallyAsync());
        await AssertComposerOnScreenAsync(page);
        await page.ScreenshotAsync("phone-chat");

        await page.Page.TapAsync("#open-rooms");
        await Assertions.Expect(rooms).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator("#open-rooms")).ToHaveAttributeAsync("aria-expanded", "true");
        Assert.True(await page.FitsHorizontallyAsync());
        await SettledAsync(rooms);
        await page.ScreenshotAsync("phone-rooms-drawer");
        await page.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(rooms).ToBeHiddenAsync();

        await page.Page.TapAsync("#open-members");
        await Assertions.Expect(members).ToBeVisibleAsync();
        await SettledAsync(members);
        await page.ScreenshotAsync("phone-members-drawer");
        await page.Page.Locator("#member-panel [data-close-drawer]").TapAsync();
        await Assertions.Expect(members).ToBeHiddenAsync();

        // Choosing a room in the drawer closes it and shows that room.
        await page.Page.TapAsync("#open-rooms");
        await page.Page.Locator("#rooms li[data-room-id='lobby']").TapAsync();
        await page.Page.Locator("body[data-room='lobby']").WaitForAsync();
        await Assertions.Expect(rooms).ToBeHiddenAsync();

        // The narrowest phones too.
        await page.Page.SetViewportSizeAsync(360, 740);
        await Assertions.Expect(page.Page.Locator("#composer")).ToBeVisibleAsync();
        Assert.True(await page.FitsHorizontallyAsync());
        await AssertComposerOnScreenAsync(page);
        await page.ScreenshotAsync("phone-360");
        await page.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task Desktop_ShowsThreeColumns_WithoutHorizontalOverflow()
    {
        await using var page = await ChatPage.OpenAsync(browser, options: Desktop());
        await SeedConversationAsync(page);

        await Assertions.Expect(page.Page.Locator("#room-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator("#messages")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator("#composer")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator("#member-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator("#open-rooms")).ToBeHiddenAsync();
        Assert.True(await page.FitsHorizontallyAsync());
        await AssertComposerOnScreenAsync(page);
        await page.ScreenshotAsync("desktop-chat");

        await page.Page.SetViewportSizeAsync(800, 700); // tablet: the member list becomes a drawer
        await Assertions.Expect(page.Page.Locator("#member-panel")).ToBeHiddenAsync();
        await page.Page.ClickAsync("#open-members");
        await Assertions.Expect(page.Page.Locator("#member-panel")).ToBeVisibleAsync();
        await page.Page.ClickAsync("#backdrop", new() { Position = new Position { X = 20, Y = 300 } });
        await Assertions.Expect(page.Page.Locator("#member-panel")).ToBeHiddenAsync();
        Assert.True(await page.FitsHorizontallyAsync());
        await page.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task Keyboard_OpensRoomsWithEnter_AndEscapeClosesMenus()
    {
        await using var page = await ChatPage.OpenAsync(browser, options: Desktop());
        var roomName = $"Keys {Guid.NewGuid().ToString("N")[..6]}";
        await page.CreateRoomAsync(roomName);

        await page.Page.Locator("#rooms li[data-room-id='lobby'] button").FocusAsync();
        await page.Page.Keyboard.PressAsync("Enter");
        await page.Page.Locator("body[data-room='lobby']").WaitForAsync();
        await page.Page.Locator($"#rooms li[data-room-id='{RoomIds.ToId(roomName)}'] button").FocusAsync();
        await page.Page.Keyboard.PressAsync("Enter");
        await page.Page.Locator($"body[data-room='{RoomIds.ToId(roomName)}']").WaitForAsync();

        await page.Page.FocusAsync("#me");
        await page.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Page.Locator("#profile-menu")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator("#profile-rename")).ToBeFocusedAsync();
        await page.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Page.Locator("#profile-menu")).ToBeHiddenAsync();
        await Assertions.Expect(page.Page.Locator("#me")).ToBeFocusedAsync();

        var name = await page.NameAsync();
        await page.Member(name).Locator("button").FocusAsync();
        await page.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Page.Locator("#member-menu")).ToBeVisibleAsync();
        await page.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Page.Locator("#member-menu")).ToBeHiddenAsync();
        await page.AssertNoConsoleErrorsAsync();
    }

    /// <summary>A room with a few messages from two people, so screenshots show a real conversation.</summary>
    private async Task SeedConversationAsync(ChatPage page)
    {
        var roomName = $"Layout {Guid.NewGuid().ToString("N")[..6]}";
        if (await page.Page.Locator("#open-rooms").IsVisibleAsync()) await page.Page.ClickAsync("#open-rooms"); // a phone: the form is in the drawer
        await page.CreateRoomAsync(roomName);
        var session = await browser.Host.NewSessionAsync();
        await using (var other = await browser.Host.ConnectAsync(session.Token))
        {
            await other.InvokeAsync<JoinResult>("JoinRoom", RoomIds.ToId(roomName));
            await other.InvokeAsync<PostResult>("Send", RoomIds.ToId(roomName), "s1", "Morning! Did you see https://example.com/a-very-long-link-that-should-wrap-instead-of-overflowing-the-screen-on-a-phone?");
        }
        await page.WaitForMessageAsync("Morning!");
        await page.SendAsync("Yes — **looks great** 🎉 with a `code span` too");
        await page.WaitForMessageAsync("looks great");
    }

    /// <summary>Waits until the element's animations (a drawer sliding in) have finished.</summary>
    private static Task SettledAsync(ILocator element) =>
        element.EvaluateAsync("el => Promise.all(el.getAnimations().map(a => a.finished))");

    /// <summary>
    /// The composer lies within the window (not pushed below it). After a viewport change the page re-lays itself out
    /// on the resize event, so this waits (bounded) for that before it measures.
    /// </summary>
    private static async Task AssertComposerOnScreenAsync(ChatPage page)
    {
        try
        {
            await page.Page.WaitForFunctionAsync(
                "() => { const r = document.querySelector('#composer').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }");
        }
        catch (Microsoft.Playwright.PlaywrightException)
        {
            // Timed out: measured and reported below.
        }
        var box = await page.Page.Locator("#composer").BoundingBoxAsync();
        var height = await page.Page.EvaluateAsync<double>("() => window.innerHeight");
        Assert.NotNull(box);
        Assert.True(box.Y >= 0 && box.Y + box.Height <= height, $"composer at {box.Y}+{box.Height}, window {height}");
    }
}
