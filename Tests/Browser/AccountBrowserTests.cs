using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>Accounts in the page: set a password in one browser, log in with it in another.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Password_SetInOneBrowser_LogsInFromAFreshOne_AsTheSameName()
    {
        await using var first = await ChatPage.OpenAsync(browser);
        var name = await first.NameAsync();
        const string password = "correct horse 42";

        await first.ProfileMenuAsync("Set a password");
        await first.Page.FillAsync("#password-input", password);
        await first.Page.ClickAsync("#password-save");
        await Assertions.Expect(first.Toast("Password set")).ToBeVisibleAsync();
        await Assertions.Expect(first.Page.Locator("#password-dialog")).ToBeHiddenAsync();
        await Assertions.Expect(first.Page.Locator("#profile-password")).ToHaveTextAsync("Change password");

        await using var second = await ChatPage.OpenAsync(browser);
        Assert.NotEqual(name, await second.NameAsync());
        await second.ProfileMenuAsync("Log in");
        await second.Page.FillAsync("#login-name", name.ToUpperInvariant());
        await second.Page.FillAsync("#login-password", "not the password");
        await second.Page.ClickAsync("#login-submit");
        await Assertions.Expect(second.Page.Locator("#login-error")).ToHaveTextAsync("Wrong name or password.");

        await second.Page.FillAsync("#login-password", password);
        await second.Page.ClickAsync("#login-submit");
        await Assertions.Expect(second.Page.Locator("#me")).ToHaveTextAsync(name);
        await second.WaitReadyAsync();
        await second.Page.ReloadAsync();
        await second.WaitReadyAsync();
        Assert.Equal(name, await second.NameAsync());

        await first.AssertNoConsoleErrorsAsync();
        // The browser reports the refused POST /api/login (401) itself; the page showed it as a message.
        second.ForgetErrors(e => e.Contains("401"));
        await second.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task Login_GuessedRepeatedly_IsThrottled_AndTheWaitIsShown()
    {
        var owner = await browser.Host.NewSessionAsync();
        await using (var client = await browser.Host.ConnectAsync(owner.Token))
        {
            await client.InvokeAsync("SetPassword", null, "the real password");
        }
        await using var page = await ChatPage.OpenAsync(browser);
        await page.ProfileMenuAsync("Log in");
        await page.Page.FillAsync("#login-name", owner.Name);
        var error = page.Page.Locator("#login-error");

        for (var attempt = 1; attempt <= 6 && !(await error.TextContentAsync())!.Contains("Too many"); attempt++)
        {
            await page.Page.FillAsync("#login-password", $"guess {attempt}");
            await page.Page.ClickAsync("#login-submit"); // clears the error line until the answer is in
            await Assertions.Expect(error).Not.ToBeEmptyAsync();
            await Assertions.Expect(page.Page.Locator("#login-submit")).ToBeEnabledAsync();
        }

        await Assertions.Expect(error).ToContainTextAsync("Too many attempts");
        await Assertions.Expect(error).ToContainTextAsync("try again in");
        page.ForgetErrors(e => e.Contains("401") || e.Contains("429"));
        await page.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task LogOutEverywhere_ClosesAnotherBrowsersConnection_AndBothStartAsNewGuests()
    {
        await using var first = await ChatPage.OpenAsync(browser);
        var name = await first.NameAsync();
        await first.ProfileMenuAsync("Set a password");
        await first.Page.FillAsync("#password-input", "correct horse 43");
        await first.Page.ClickAsync("#password-save");
        await Assertions.Expect(first.Toast("Password set")).ToBeVisibleAsync();
        await using var second = await ChatPage.OpenAsync(browser);
        await second.ProfileMenuAsync("Log in");
        await second.Page.FillAsync("#login-name", name);
        await second.Page.FillAsync("#login-password", "correct horse 43");
        await second.Page.ClickAsync("#login-submit");
        await Assertions.Expect(second.Page.Locator("#me")).ToHaveTextAsync(name);
        await second.WaitReadyAsync();

        await first.ProfileMenuAsync("Log out");
        await Assertions.Expect(first.Page.Locator("#logout-warning")).ToContainTextAsync("by logging in with your password");
        await first.Page.CheckAsync("#logout-everywhere");
        await first.Page.ClickAsync("#logout-submit");

        // This browser starts afresh as a new guest; the other one's live connection was closed by the server, and it
        // too is a new guest now, without the old name's rooms.
        await Assertions.Expect(first.Page.Locator("#me")).Not.ToHaveTextAsync(name);
        await first.WaitReadyAsync();
        await Assertions.Expect(second.Page.Locator("#me")).Not.ToHaveTextAsync(name);
        await second.WaitReadyAsync();
        Assert.NotEqual(await first.NameAsync(), await second.NameAsync());
        // The logging-out tab's own connection is revoked too: it may try to reconnect (401) before it reloads.
        first.ForgetErrors(e => e.Contains("401"));
        await first.AssertNoConsoleErrorsAsync();
        // The closed connection's reconnect is refused (401) before the page opens a new session.
        second.ForgetErrors(e => e.Contains("401") || e.Contains("WebSocket") || e.Contains("connection"));
        await second.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task LogOut_OfAGuestWithoutPassword_WarnsThatTheNameIsLost_AndCanBeCancelled()
    {
        await using var page = await ChatPage.OpenAsync(browser);
        var name = await page.NameAsync();

        await page.ProfileMenuAsync("Log out");

        await Assertions.Expect(page.Page.Locator("#logout-warning")).ToContainTextAsync("has no password");
        await page.Page.Locator("#logout-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#logout-dialog")).ToBeHiddenAsync();
        await page.Page.ReloadAsync();
        await page.WaitReadyAsync();
        Assert.Equal(name, await page.NameAsync());
        await page.AssertNoConsoleErrorsAsync();
    }
}
