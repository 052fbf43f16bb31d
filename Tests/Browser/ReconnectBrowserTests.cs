using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>The page's network is cut and restored: it says so, reconnects by itself and catches up exactly once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task NetworkCutAndRestored_BannerShows_ThenMissedMessagesArriveOnceInOrder()
    {
        await using var proxy = new TcpProxy(browser.Host.BaseAddress.Port);
        await using var page = await ChatPage.OpenAsync(browser, proxy.Address);
        var roomName = $"Flaky {Guid.NewGuid().ToString("N")[..6]}";
        await page.CreateRoomAsync(roomName);
        var room = RoomIds.ToId(roomName);
        var other = await browser.Host.NewSessionAsync();
        await using var sender = await browser.Host.ConnectAsync(other.Token);
        await sender.InvokeAsync<JoinResult>("JoinRoom", room);
        await sender.InvokeAsync<PostResult>("Send", room, "b1", "before the cut");
        await page.WaitForMessageAsync("before the cut");

        proxy.Cut();
        await Assertions.Expect(page.Page.Locator("#banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator("#banner")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Reconnecting|Offline"));
        for (var i = 1; i <= 3; i++) await sender.InvokeAsync<PostResult>("Send", room, $"m{i}", $"missed {i}");
        await page.SendAsync("typed while offline");
        proxy.Restore();

        await page.WaitForMessageAsync("missed 3");
        await page.WaitForMessageAsync("typed while offline");
        await sender.InvokeAsync<PostResult>("Send", room, "a1", "after the cut");
        await page.WaitForMessageAsync("after the cut");

        var shown = await page.ShownAsync();
        // Event 1 is the sender's join, shown as a system line; the messages follow it without a gap.
        await Assertions.Expect(page.Page.Locator("#messages .system-line[data-seq='1']")).ToHaveCountAsync(1);
        Assert.Equal(Enumerable.Range(2, shown.Count).Select(i => (long)i), shown.Select(m => m.Seq));
        Assert.Equal(1, shown.Count(m => m.Text == "typed while offline"));
        Assert.Equal(
            ["before the cut", "missed 1", "missed 2", "missed 3"],
            shown.Select(m => m.Text).Where(t => t.StartsWith("before") || t.StartsWith("missed")));
        Assert.Equal("after the cut", shown[^1].Text);
        await Assertions.Expect(page.Page.Locator("#banner")).ToBeHiddenAsync();
        // What the browser logs about the connection it lost while the network was cut is expected.
        page.ForgetErrors(e => e.Contains("WebSocket", StringComparison.OrdinalIgnoreCase)
            || e.Contains("connection", StringComparison.OrdinalIgnoreCase)
            || e.Contains("ERR_", StringComparison.Ordinal)
            || e.Contains("Failed to", StringComparison.Ordinal));
        await page.AssertNoConsoleErrorsAsync();
    }
}
