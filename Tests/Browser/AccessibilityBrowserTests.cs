using Deque.AxeCore.Commons;
using Microsoft.AspNetCore.SignalR.Client;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>axe-core finds no serious or critical accessibility problem, on desktop and phone, in light and dark.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserFixture browser)
{
    public static TheoryData<string, bool, ColorScheme> Layouts => new()
    {
        { "desktop-light", false, ColorScheme.Light },
        { "desktop-dark", false, ColorScheme.Dark },
        { "phone-light", true, ColorScheme.Light },
        { "phone-dark", true, ColorScheme.Dark },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task MainPage_HasNoSeriousAccessibilityViolations(string name, bool phone, ColorScheme scheme)
    {
        var options = phone ? LayoutBrowserTests.Phone(scheme) : LayoutBrowserTests.Desktop(scheme);
        await using var page = await ChatPage.OpenAsync(browser, options: options);
        var other = await browser.Host.NewSessionAsync();

        // A conversation with everything the pane can show: another author, a mention, formatting, a link, a DM.
        var roomName = $"Axe {Guid.NewGuid().ToString("N")[..6]}";
        if (phone) await page.Page.ClickAsync("#open-rooms");
        await page.CreateRoomAsync(roomName);
        // Stays connected, so People lists someone online.
        await using var client = await browser.Host.ConnectAsync(other.Token);
        await client.InvokeAsync<JoinResult>("JoinRoom", RoomIds.ToId(roomName));
        await client.InvokeAsync<PostResult>("Send", RoomIds.ToId(roomName), "x1", $"Hello {await page.NameAsync()}, see https://example.com and **this**");
        await page.WaitForMessageAsync("Hello");
        await page.SendAsync("Thanks! `code` and *style*");
        await page.WaitForMessageAsync("Thanks!");
        await page.ScreenshotAsync($"axe-{name}");

        await AssertNoSeriousViolationsAsync(page.Page, name);

        // The message action menu and the reactions picker (issue 13).
        var hello = page.Page.Locator("#messages .message[data-seq]", new() { Has = page.Page.Locator(".text", new() { HasTextString = "Hello" }) });
        var actions = await page.OpenMessageActionsAsync(hello, phone);
        await AssertNoSeriousViolationsAsync(page.Page, $"{name}, message menu");
        await actions.GetByRole(AriaRole.Menuitem, new() { Name = "React" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#emoji-picker")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page.Page, $"{name}, emoji picker");
        await page.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Page.Locator("#emoji-picker")).ToBeHiddenAsync();

        // The drawers and dialogs too.
        if (phone)
        {
            await page.Page.ClickAsync("#open-rooms");
            await page.Page.Locator("#room-panel").EvaluateAsync("el => Promise.all(el.getAnimations().map(a => a.finished))");
            await AssertNoSeriousViolationsAsync(page.Page, $"{name}, room drawer");
        }
        await page.Page.ClickAsync("#open-people");
        await page.Page.Locator("#people-online li").First.WaitForAsync();
        await AssertNoSeriousViolationsAsync(page.Page, $"{name}, people dialog");
        await page.Page.Keyboard.PressAsync("Escape");
        if (!phone)
        {
            foreach (var (button, dialog) in new[]
            {
                ("#room-invite", "#invite-dialog"), ("#room-settings", "#settings-dialog"), ("#room-notify", "#notify-dialog"),
                ("#room-pinned", "#pinned-dialog"),
            })
            {
                await page.Page.ClickAsync(button);
                await Assertions.Expect(page.Page.Locator(dialog)).ToBeVisibleAsync();
                await AssertNoSeriousViolationsAsync(page.Page, $"{name}, {dialog}");
                await page.Page.Keyboard.PressAsync("Escape");
                await Assertions.Expect(page.Page.Locator(dialog)).ToBeHiddenAsync();
            }
            foreach (var (item, dialog) in new[] { ("Change picture…", "#picture-dialog"), ("Set a password", "#password-dialog"), ("Log in", "#login-dialog") })
            {
                await page.ProfileMenuAsync(item);
                await Assertions.Expect(page.Page.Locator(dialog)).ToBeVisibleAsync();
                await AssertNoSeriousViolationsAsync(page.Page, $"{name}, {dialog}");
                await page.Page.Keyboard.PressAsync("Escape");
                await Assertions.Expect(page.Page.Locator(dialog)).ToBeHiddenAsync();
            }
            await page.Page.ClickAsync("#me");
            await AssertNoSeriousViolationsAsync(page.Page, $"{name}, profile menu");
            await page.Page.Keyboard.PressAsync("Escape");
            var memberMenu = await page.OpenMemberMenuAsync(other.Name);
            await AssertNoSeriousViolationsAsync(page.Page, $"{name}, member menu");
            await memberMenu.GetByRole(AriaRole.Button, new() { Name = "Ban" }).ClickAsync();
            await Assertions.Expect(memberMenu.GetByLabel("Also delete their messages")).ToBeVisibleAsync();
            await AssertNoSeriousViolationsAsync(page.Page, $"{name}, member menu, confirming a ban");
        }
        await page.AssertNoConsoleErrorsAsync();
    }

    internal static async Task AssertNoSeriousViolationsAsync(IPage page, string where)
    {
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{where}: " + string.Join("\n", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Impact} {violation.Id}: {violation.Help} — " + string.Join(" | ", violation.Nodes.Take(5).Select(n => n.Html));
}
