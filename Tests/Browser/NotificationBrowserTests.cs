using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// Desktop notifications, notification levels and unread dots in real Chromium. The page's <c>Notification</c> is
/// observed by an init script: every notification it creates is recorded in <c>window.__notifications</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationBrowserTests(BrowserFixture browser)
{
    // Wraps the browser's Notification: records what the page shows; the permission is the browser's (granted to the
    // context by the test) until the page's request is answered "granted".
    private const string ObserveNotifications =
        """
        (() => {
            const Real = window.Notification;
            const shown = [];
            let answered = null;
            class Observed {
                static get permission() { return answered ?? Real?.permission ?? 'default'; }
                static async requestPermission() { answered = 'granted'; return 'granted'; }
                constructor(title, options = {}) { shown.push({ title, body: options.body ?? '', tag: options.tag ?? '' }); }
                close() {}
            }
            window.__notifications = shown;
            Object.defineProperty(window, 'Notification', { configurable: true, writable: true, value: Observed });
        })();
        """;

    public static TheoryData<bool> Sizes => new() { false, true };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task DirectMessage_WhileHidden_NotifiesOnceOverTwoTabs_AndAMutedRoomNotAtAll(bool phone)
    {
        var context = await NewContextAsync(phone, grant: true);
        await using var tab1 = await ChatPage.OpenTabAsync(browser, context);
        await using var tab2 = await ChatPage.OpenTabAsync(browser, context);
        var alice = await browser.Host.NewSessionAsync(await tab1.Page.EvaluateAsync<string>("localStorage.getItem('orleanschat.token')"));
        var bobSession = await browser.Host.NewSessionAsync();
        await using var bob = await browser.Host.ConnectAsync(bobSession.Token);
        var room = (await bob.InvokeAsync<JoinResult>("CreateRoom", $"Muted {Guid.NewGuid().ToString("N")[..6]}")).Room.Id;
        await bob.InvokeAsync<MemberInfo>("Invite", room, alice.UserId);
        var dm = (await bob.InvokeAsync<JoinResult>("OpenDirect", alice.UserId)).Room.Id;

        // Muted for everything in one tab: the other tab of the browser follows at once.
        if (phone) await tab1.Page.ClickAsync("#open-rooms");
        await tab1.OpenRoomAsync(room);
        await tab1.Page.ClickAsync("#room-notify");
        await tab1.Page.Locator("#notify-dialog").GetByLabel("Nothing").CheckAsync();
        await tab1.Page.Locator("#notify-dialog").GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(tab1.Page.Locator("#room-notify")).ToHaveAttributeAsync("data-level", "nothing");
        await Assertions.Expect(tab2.RoomItem(room)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bmuted\b"));
        await tab1.SetTabVisibleAsync(false);
        await tab2.SetTabVisibleAsync(false);

        await bob.InvokeAsync<PostResult>("Send", room, "m1", $"{alice.Name}, in the muted room");
        await tab1.WaitForMessageAsync("in the muted room");
        await bob.InvokeAsync<PostResult>("Send", dm, "d1", "psst, a direct message");

        // Both tabs counted the direct message (its badge) before either could notify of it.
        foreach (var tab in new[] { tab1, tab2 }) await Assertions.Expect(tab.RoomItem(dm).Locator(".badge")).ToHaveTextAsync("1");
        await Assertions.Expect(tab2.RoomItem(room).Locator(".badge")).ToBeHiddenAsync();
        var shown = (await NotificationsAsync(tab1)).Concat(await NotificationsAsync(tab2)).ToList();
        var notification = Assert.Single(shown);
        Assert.Equal(bobSession.Name, notification.Title);
        Assert.Contains("psst, a direct message", notification.Body);

        // The level is the server's: a reload (or another device) still has the room muted.
        await tab2.Page.ReloadAsync();
        await tab2.WaitReadyAsync();
        await Assertions.Expect(tab2.RoomItem(room)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bmuted\b"));
        await tab1.AssertNoConsoleErrorsAsync();
        await tab2.AssertNoConsoleErrorsAsync();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task FirstDirectMessage_OffersToTurnNotificationsOn_AndDotsShowWhereItWaits(bool phone)
    {
        var context = await NewContextAsync(phone, grant: false);
        await using var alice = await ChatPage.OpenTabAsync(browser, context);
        var aliceSession = await browser.Host.NewSessionAsync(await alice.Page.EvaluateAsync<string>("localStorage.getItem('orleanschat.token')"));
        await Assertions.Expect(alice.Page.Locator("#notify-prompt")).ToBeHiddenAsync(); // never on first load
        await Assertions.Expect(alice.Page.Locator("#open-rooms .unread-dot")).ToBeHiddenAsync();

        var bobSession = await browser.Host.NewSessionAsync();
        await using var bob = await browser.Host.ConnectAsync(bobSession.Token);
        var dm = (await bob.InvokeAsync<JoinResult>("OpenDirect", aliceSession.UserId)).Room.Id;
        await bob.InvokeAsync<PostResult>("Send", dm, "d1", "hello there");

        await Assertions.Expect(alice.Page.Locator("#notify-prompt")).ToBeVisibleAsync();
        // On a phone the list is in the closed drawer: the heading's dot is there for when it opens.
        await Assertions.Expect(alice.Page.Locator("#directs-title .unread-dot:not([hidden])")).ToHaveCountAsync(1);
        if (phone)
        {
            await Assertions.Expect(alice.Page.Locator("#open-rooms .unread-dot.mention")).ToBeVisibleAsync();
            await Assertions.Expect(alice.Page.Locator("#open-rooms")).ToHaveAttributeAsync("aria-label", "Rooms, new messages for you");
        }
        await alice.Page.ClickAsync("#notify-prompt-on");
        await Assertions.Expect(alice.Page.Locator("#notify-prompt")).ToBeHiddenAsync();

        await alice.SetTabVisibleAsync(false);
        await bob.InvokeAsync<PostResult>("Send", dm, "d2", "now with a notification");
        await Assertions.Expect(alice.RoomItem(dm).Locator(".badge")).ToHaveTextAsync("2");
        var notification = Assert.Single(await NotificationsAsync(alice));
        Assert.Contains("now with a notification", notification.Body);

        // Read: the dots go.
        await alice.SetTabVisibleAsync(true);
        if (phone) await alice.Page.ClickAsync("#open-rooms");
        await alice.RoomItem(dm).ClickAsync();
        await alice.WaitForMessageAsync("now with a notification");
        await Assertions.Expect(alice.Page.Locator("#directs-title .unread-dot")).ToBeHiddenAsync();
        await Assertions.Expect(alice.Page.Locator("#open-rooms .unread-dot")).ToBeHiddenAsync();
        await alice.AssertNoConsoleErrorsAsync();
    }

    private async Task<IBrowserContext> NewContextAsync(bool phone, bool grant)
    {
        var context = await browser.Browser.NewContextAsync(phone ? LayoutBrowserTests.Phone() : LayoutBrowserTests.Desktop());
        context.SetDefaultTimeout((float)Wait.Timeout.TotalMilliseconds);
        if (grant) await context.GrantPermissionsAsync(["notifications"], new() { Origin = browser.Host.BaseAddress.GetLeftPart(UriPartial.Authority) });
        await context.AddInitScriptAsync(ObserveNotifications);
        return context;
    }

    private static async Task<List<Shown>> NotificationsAsync(ChatPage page) =>
        [.. (await page.Page.EvaluateAsync<string[][]>("() => window.__notifications.map(n => [n.title, n.body, n.tag])"))
            .Select(n => new Shown(n[0], n[1], n[2]))];

    private sealed record Shown(string Title, string Body, string Tag);
}
