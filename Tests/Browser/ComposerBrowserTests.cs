using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>The composer's pending bubbles: sent ones settle in order, a refused one says why and can be retried or dropped.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ComposerBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task RefusedMessage_StaysAsNotSent_WithRetryAndDiscard_WhileOthersSettleInOrder()
    {
        await using var page = await ChatPage.OpenAsync(browser);
        await page.CreateRoomAsync($"Compose {Guid.NewGuid().ToString("N")[..6]}");

        // Only a control character: the server cleans it away and refuses an empty message.
        await page.SendAsync("\u0007");
        var failed = page.Page.Locator("#messages .message.pending.failed");
        await Assertions.Expect(failed.Locator(".status")).ToContainTextAsync("not sent: A message cannot be empty.");
        await Assertions.Expect(page.Toast("A message cannot be empty.")).ToBeVisibleAsync();

        for (var i = 1; i <= 5; i++) await page.SendAsync($"in order {i}");
        await page.WaitForMessageAsync("in order 5");
        Assert.Equal(Enumerable.Range(1, 5).Select(i => ((long)i, $"in order {i}")), await page.ShownAsync());
        Assert.Equal(1, await page.Page.Locator("#messages .message.pending").CountAsync());

        await failed.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Assertions.Expect(failed.Locator(".status")).ToContainTextAsync("not sent");
        await failed.GetByRole(AriaRole.Button, new() { Name = "Discard this message" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#messages .message.pending")).ToHaveCountAsync(0);
        await page.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task ABurstOverTheRateLimit_IsPacedByThePage_AndArrivesWholeAndInOrder()
    {
        // A gateway of its own with the default-like limit of 5 messages at once, 5 a second, per user and room.
        using var data = new TempDirectory("orleanschat-pacing");
        await using var host = new GatewayHost(data.Path, new Dictionary<string, string>
        {
            ["Chat:Rooms:SendBurst"] = "5",
            ["Chat:Rooms:SendRatePerSecond"] = "5",
        });
        await using var page = await ChatPage.OpenAsync(browser, host.BaseAddress);
        await page.CreateRoomAsync($"Burst {Guid.NewGuid().ToString("N")[..6]}");

        const int burst = 20;
        for (var i = 1; i <= burst; i++) await page.SendAsync($"burst {i}");
        await page.WaitForMessageAsync($"burst {burst}");

        Assert.Equal(Enumerable.Range(1, burst).Select(i => ((long)i, $"burst {i}")), await page.ShownAsync());
        await Assertions.Expect(page.Page.Locator("#messages .message.pending")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Page.Locator("#toasts .toast")).ToHaveCountAsync(0);
        await page.AssertNoConsoleErrorsAsync();
    }
}
