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
