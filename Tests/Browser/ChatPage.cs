using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// One person's chat page in its own browser context (its own storage, so its own identity). Records console errors
/// and page errors: a test ends with <see cref="AssertNoConsoleErrorsAsync"/>.
/// </summary>
public sealed class ChatPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    // Assertions.Expect(...) would otherwise give up after 5 s, a quarter of what locators wait: on a busy 2-core CI
    // machine a live update can take longer than that without anything being wrong.
    static ChatPage() => Assertions.SetDefaultExpectTimeout((float)Wait.Timeout.TotalMilliseconds);

    private ChatPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (_errors) _errors.Add(message.Text);
        };
        page.PageError += (_, error) =>
        {
            lock (_errors) _errors.Add(error);
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<ChatPage> OpenAsync(BrowserFixture browser, Uri? address = null, BrowserNewContextOptions? options = null)
    {
        var context = await browser.Browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout((float)Wait.Timeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        var chat = new ChatPage(context, page);
        await page.GotoAsync((address ?? browser.Host.BaseAddress).ToString());
        await chat.WaitReadyAsync();
        return chat;
    }

    /// <summary>Another tab of an open browser context: the same storage, so the same user.</summary>
    public static async Task<ChatPage> OpenTabAsync(BrowserFixture browser, IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var chat = new ChatPage(context, page);
        await page.GotoAsync(browser.Host.BaseAddress.ToString());
        await chat.WaitReadyAsync();
        return chat;
    }

    public async Task WaitReadyAsync() => await Page.Locator("body[data-ready='1']").WaitForAsync();

    public async Task<string> NameAsync() => (await Page.Locator("#me").TextContentAsync())!.Trim();

    public ILocator Messages => Page.Locator("#messages .message[data-seq]");

    public ILocator Message(string text) => Page.Locator("#messages .message[data-seq] .text", new() { HasTextString = text });

    public ILocator Member(string name) => Page.Locator("#members li[data-user-id]", new() { HasTextString = name });

    public async Task OpenRoomAsync(string roomId)
    {
        await Page.Locator($"#rooms li[data-room-id='{roomId}']").ClickAsync();
        await Page.Locator($"body[data-room='{roomId}']").WaitForAsync();
    }

    public async Task CreateRoomAsync(string name)
    {
        await Page.FillAsync("#new-room-name", name);
        await Page.ClickAsync("#new-room-create");
        await Page.Locator($"body[data-room='{RoomIds.ToId(name)}']").WaitForAsync();
    }

    public async Task SendAsync(string text)
    {
        await Page.FillAsync("#composer", text);
        await Page.PressAsync("#composer", "Enter");
    }

    /// <summary>Waits until a message with exactly this text is shown (as an acknowledged, numbered message).</summary>
    public Task WaitForMessageAsync(string text) =>
        Page.Locator("#messages .message[data-seq] .text", new() { HasTextString = text }).First.WaitForAsync();

    /// <summary>The texts of the numbered messages on screen, in screen order, with their sequence numbers.</summary>
    public async Task<List<(long Seq, string Text)>> ShownAsync()
    {
        var rows = await Page.EvalOnSelectorAllAsync<string[][]>(
            "#messages .message[data-seq]",
            "els => els.map(e => [e.dataset.seq, e.querySelector('.text').textContent])");
        return rows.Select(r => (long.Parse(r[0]), r[1])).ToList();
    }

    /// <summary>A room or direct conversation in the user's lists (#rooms, #directs).</summary>
    public ILocator RoomItem(string roomId) => Page.Locator($"#rooms li[data-room-id='{roomId}'], #directs li[data-room-id='{roomId}']");

    /// <summary>The direct conversation with that person in #directs.</summary>
    public ILocator DirectItem(string peerName) => Page.Locator("#directs li[data-room-id]", new() { HasTextString = peerName });

    /// <summary>A toast (error or news) containing that text.</summary>
    public ILocator Toast(string text) => Page.Locator("#toasts .toast", new() { HasTextString = text });

    /// <summary>The id of the room on screen (set once its messages are shown).</summary>
    public async Task<string> CurrentRoomAsync() => (await Page.Locator("body").GetAttributeAsync("data-room"))!;

    /// <summary>Creates a private room through the form and waits until it is open; returns its id (p-…).</summary>
    public async Task<string> CreatePrivateRoomAsync(string name)
    {
        await Page.FillAsync("#new-room-name", name);
        await Page.CheckAsync("#new-room-private");
        await Page.ClickAsync("#new-room-create");
        await Assertions.Expect(Page.Locator("#room-name")).ToHaveTextAsync(name);
        await Page.Locator("body[data-room^='p-']").WaitForAsync();
        return await CurrentRoomAsync();
    }

    /// <summary>Joins a public room from "Browse rooms" and waits until it is open.</summary>
    public async Task JoinFromBrowseAsync(string roomId)
    {
        await Page.ClickAsync("#browse-refresh");
        await Page.Locator($"#browse li[data-room-id='{roomId}']").ClickAsync();
        await Page.Locator($"body[data-room='{roomId}']").WaitForAsync();
    }

    /// <summary>Opens the menu of a member of the open room (click on their entry in the member list).</summary>
    public async Task<ILocator> OpenMemberMenuAsync(string name)
    {
        await Member(name).Locator(".member-button").ClickAsync();
        var menu = Page.Locator("#member-menu");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        return menu;
    }

    /// <summary>Opens a message's action menu: hover and the ⋯ button on desktop, a long press on a phone.</summary>
    public async Task<ILocator> OpenMessageActionsAsync(ILocator message, bool phone)
    {
        if (phone)
        {
            await message.Locator(".text").EvaluateAsync(
                """
                el => {
                    const box = el.getBoundingClientRect();
                    el.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, pointerType: 'touch', clientX: box.left + 4, clientY: box.top + 4 }));
                }
                """);
        }
        else
        {
            await message.HoverAsync();
            await message.Locator(".message-actions").ClickAsync();
        }
        var menu = Page.Locator("#message-menu");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        return menu;
    }

    /// <summary>Opens the profile menu (click on one's own name) and chooses an item.</summary>
    public async Task ProfileMenuAsync(string item)
    {
        await Page.ClickAsync("#me");
        await Page.Locator("#profile-menu").GetByRole(AriaRole.Button, new() { Name = item }).ClickAsync();
    }

    /// <summary>True when the page is no wider than the window (nothing overflows horizontally).</summary>
    public Task<bool> FitsHorizontallyAsync() =>
        Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");

    /// <summary>
    /// Makes the page believe its tab went to the background (or came back): headless Chromium always reports
    /// "visible", so document.visibilityState is overridden and the change event sent as the browser would.
    /// </summary>
    public Task SetTabVisibleAsync(bool visible) => Page.EvaluateAsync(
        """
        visible => {
            Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visible ? 'visible' : 'hidden' });
            Object.defineProperty(document, 'hidden', { configurable: true, get: () => !visible });
            document.dispatchEvent(new Event('visibilitychange'));
        }
        """,
        visible);

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png"), FullPage = false });

    public Task AssertNoConsoleErrorsAsync()
    {
        lock (_errors) Assert.Empty(_errors);
        return Task.CompletedTask;
    }

    /// <summary>Errors that a test caused on purpose (a cut network) are not the page's fault.</summary>
    public void ForgetErrors(Func<string, bool> expected)
    {
        lock (_errors) _errors.RemoveAll(e => expected(e));
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
