using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>Two people chatting in real Chromium against the real gateway.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ChatBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task TwoBrowsers_ChatBothWaysInRealTime_AndSeeEachOtherComeAndGo()
    {
        await using var alice = await ChatPage.OpenAsync(browser);
        await using var bob = await ChatPage.OpenAsync(browser);
        var room = $"Talk {Guid.NewGuid().ToString("N")[..6]}";
        await alice.CreateRoomAsync(room);
        await bob.Page.ClickAsync("#browse-refresh");
        await bob.Page.Locator($"#browse li[data-room-id='{RoomIds.ToId(room)}']").ClickAsync();
        await bob.Page.Locator($"body[data-room='{RoomIds.ToId(room)}']").WaitForAsync();
        var bobName = await bob.NameAsync();

        await Assertions.Expect(alice.Member(bobName)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("online"));
        await alice.SendAsync("Hello Bob");
        await bob.WaitForMessageAsync("Hello Bob");
        await bob.SendAsync("Hi Alice");
        await alice.WaitForMessageAsync("Hi Alice");

        // Event 1 is Bob's join (a system line, not a message).
        Assert.Equal([(2L, "Hello Bob"), (3L, "Hi Alice")], await alice.ShownAsync());
        Assert.Equal([(2L, "Hello Bob"), (3L, "Hi Alice")], await bob.ShownAsync());
        await Assertions.Expect(alice.Page.Locator("#messages .system-line[data-seq='1']")).ToHaveTextAsync($"{bobName} joined");
        await alice.ScreenshotAsync("two-browsers-desktop");

        await bob.Page.CloseAsync();
        await Assertions.Expect(alice.Member(bobName)).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("online"));
        await alice.AssertNoConsoleErrorsAsync();
        await bob.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task Message_WithHtmlAndScript_IsShownAsText()
    {
        await using var page = await ChatPage.OpenAsync(browser);
        var dialogs = 0;
        page.Page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        await page.CreateRoomAsync($"Xss {Guid.NewGuid().ToString("N")[..6]}");
        const string attack = "<img src=x onerror=alert(1)><script>alert(2)</script><b>bold?</b>";

        await page.SendAsync(attack);
        await page.WaitForMessageAsync("<img src=x");

        var shown = await page.ShownAsync();
        Assert.Equal(attack, shown.Single().Text);
        Assert.Equal(0, await page.Page.Locator("#messages img, #messages script, #messages .text b").CountAsync());
        Assert.Equal(0, dialogs);
        await page.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task Reload_KeepsTheIdentityAndShowsTheHistory()
    {
        await using var page = await ChatPage.OpenAsync(browser);
        var name = await page.NameAsync();
        var room = $"Keep {Guid.NewGuid().ToString("N")[..6]}";
        await page.CreateRoomAsync(room);
        await page.SendAsync("remember me");
        await page.WaitForMessageAsync("remember me");

        await page.Page.ReloadAsync();
        await page.WaitReadyAsync();

        Assert.Equal(name, await page.NameAsync());
        await page.Page.Locator($"body[data-room='{RoomIds.ToId(room)}']").WaitForAsync();
        await page.WaitForMessageAsync("remember me");
        await page.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task ScrollingUp_LoadsOlderMessagesUntilTheFirst()
    {
        var session = await browser.Host.NewSessionAsync();
        var room = $"Long {Guid.NewGuid().ToString("N")[..6]}";
        await using (var seeder = await browser.Host.ConnectAsync(session.Token))
        {
            var id = (await seeder.InvokeAsync<JoinResult>("CreateRoom", room)).Room.Id;
            for (var i = 1; i <= 130; i++) await seeder.InvokeAsync<PostResult>("Send", id, $"m{i}", $"old message {i}");
        }
        await using var page = await ChatPage.OpenAsync(browser);
        await page.Page.ClickAsync("#browse-refresh");
        await page.Page.Locator($"#browse li[data-room-id='{RoomIds.ToId(room)}']").ClickAsync();
        await page.Page.Locator($"body[data-room='{RoomIds.ToId(room)}']").WaitForAsync();
        await page.WaitForMessageAsync("old message 130");

        for (var i = 0; i < 10 && await page.Page.Locator("#messages .message[data-seq='1']").CountAsync() == 0; i++)
        {
            var oldest = await page.Messages.First.GetAttributeAsync("data-seq");
            await page.Page.EvalOnSelectorAsync("#messages", "el => el.scrollTop = 0");
            await page.Page.Locator($"#messages .message[data-seq='{long.Parse(oldest!) - 1}']").WaitForAsync();
        }

        var shown = await page.ShownAsync();
        Assert.Equal(Enumerable.Range(1, 130).Select(i => ((long)i, $"old message {i}")), shown);
        await page.AssertNoConsoleErrorsAsync();
    }
}
