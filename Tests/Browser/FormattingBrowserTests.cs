using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>How messages are drawn: formatting and links built safely, emoji, days, times, grouping.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FormattingBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Formatting_AndLinks_AreRenderedSafely()
    {
        await using var page = await ChatPage.OpenAsync(browser);
        var dialogs = 0;
        page.Page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        await page.CreateRoomAsync($"Format {Guid.NewGuid().ToString("N")[..6]}");

        const string text = "**<b>x</b>** and *soft* and `a<i>b` see https://example.com/a?b=1, not javascript:alert(1) 🎉👍🏽";
        await page.SendAsync(text);
        await page.WaitForMessageAsync("soft");
        var shown = page.Messages.Last.Locator(".text");

        await Assertions.Expect(shown.Locator("strong")).ToHaveTextAsync("<b>x</b>");
        await Assertions.Expect(shown.Locator("em")).ToHaveTextAsync("soft");
        await Assertions.Expect(shown.Locator("code")).ToHaveTextAsync("a<i>b");
        Assert.Equal(0, await page.Page.Locator("#messages .text b, #messages .text i").CountAsync());
        var link = shown.Locator("a");
        await Assertions.Expect(link).ToHaveCountAsync(1);
        await Assertions.Expect(link).ToHaveAttributeAsync("href", "https://example.com/a?b=1");
        await Assertions.Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Assertions.Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Assertions.Expect(link).ToHaveTextAsync("https://example.com/a?b=1");
        Assert.Equal("<b>x</b> and soft and a<i>b see https://example.com/a?b=1, not javascript:alert(1) 🎉👍🏽",
            await shown.TextContentAsync());

        await page.SendAsync("[click](javascript:alert(2)) javascript:alert(3) data:text/html,<script>alert(4)</script>");
        await page.WaitForMessageAsync("[click]");
        Assert.Equal(0, await page.Messages.Last.Locator("a").CountAsync());

        await page.SendAsync("```\n<script>alert(5)</script>\n**not bold**\n```");
        await page.WaitForMessageAsync("alert(5)");
        var block = page.Messages.Last.Locator("pre code");
        await Assertions.Expect(block).ToHaveTextAsync("<script>alert(5)</script>\n**not bold**");
        Assert.Equal(0, await page.Page.Locator("#messages script, #messages img, #messages pre strong").CountAsync());

        Assert.Equal(0, dialogs);
        await page.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task Times_ReadJustNowThenMinutesThenClockTime_AndDaysTodayYesterdayOrTheDate()
    {
        await using var page = await ChatPage.OpenAsync(browser);
        var labels = await page.Page.EvaluateAsync<string[]>(
            """
            async () => {
                const { relativeTime, dayLabel } = await import('/js/when.js');
                const now = new Date(2026, 5, 10, 15, 30);
                const before = ms => new Date(now.getTime() - ms).toISOString();
                return [
                    relativeTime(before(10 * 1000), now.getTime()),
                    relativeTime(before(5 * 60 * 1000), now.getTime()),
                    relativeTime(before(2 * 3600 * 1000), now.getTime()),
                    dayLabel(before(60 * 1000), now),
                    dayLabel(before(24 * 3600 * 1000), now),
                    dayLabel(new Date(2025, 11, 24, 12).toISOString(), now),
                ];
            }
            """);
        Assert.Equal(["just now", "5 min", "13:30", "Today", "Yesterday"], labels[..5]);
        Assert.Contains("24", labels[5]);
        Assert.Contains("2025", labels[5]);
        await page.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task Messages_AreGroupedByAuthorAndDay_WithRelativeTimes()
    {
        await using var alice = await ChatPage.OpenAsync(browser);
        await using var bob = await ChatPage.OpenAsync(browser);
        var roomName = $"Groups {Guid.NewGuid().ToString("N")[..6]}";
        await alice.CreateRoomAsync(roomName);
        await bob.JoinFromBrowseAsync(RoomIds.ToId(roomName));

        await alice.SendAsync("one");
        await alice.WaitForMessageAsync("one");
        await alice.SendAsync("two");
        await alice.WaitForMessageAsync("two");
        await bob.SendAsync("three");
        await alice.WaitForMessageAsync("three");

        await Assertions.Expect(alice.Page.Locator("#messages .day-separator")).ToHaveTextAsync(["Today"]);
        var classes = await alice.Messages.EvaluateAllAsync<string[]>("els => els.map(e => e.classList.contains('continued') ? 'continued' : 'first')");
        Assert.Equal(["first", "continued", "first"], classes);
        var time = alice.Messages.First.Locator("time");
        await Assertions.Expect(time).ToHaveTextAsync("just now");
        Assert.False(string.IsNullOrEmpty(await time.GetAttributeAsync("title")));
        Assert.False(string.IsNullOrEmpty(await time.GetAttributeAsync("datetime")));

        // Shift+Enter adds a line; Enter sends.
        await alice.Page.Locator("#composer").PressSequentiallyAsync("first line");
        await alice.Page.Keyboard.PressAsync("Shift+Enter");
        await alice.Page.Locator("#composer").PressSequentiallyAsync("second line");
        await alice.Page.Keyboard.PressAsync("Enter");
        await alice.WaitForMessageAsync("second line");
        Assert.Equal("first line\nsecond line", (await alice.ShownAsync())[^1].Text);

        await alice.AssertNoConsoleErrorsAsync();
        await bob.AssertNoConsoleErrorsAsync();
    }
}
