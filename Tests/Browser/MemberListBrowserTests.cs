using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// Issue 14's ghosts in the member list: guests not active lately are counted, not listed, until the reader expands
/// them. A gateway of its own whose clock runs ten days behind the browser's, so the guests it lets in look ten days
/// old to the page.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class MemberListBrowserTests(BrowserFixture browser)
{
    private const int Guests = 12;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Lobby_ListsTheOnlineAndCountsGuestsNotSeenForAWeek_ExpandableOnDesktopAndPhone(bool phone)
    {
        using var data = new TempDirectory("orleanschat-members");
        await using var host = new GatewayHost(data.Path, time: new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromDays(10)));
        for (var i = 0; i < Guests; i++)
        {
            var guest = await host.NewSessionAsync();
            await using var connection = await host.ConnectAsync(guest.Token);
            await connection.InvokeAsync<JoinResult>("JoinRoom", ChatLimits.LobbyId);
        }
        var present = await host.NewSessionAsync();
        await using var online = await host.ConnectAsync(present.Token);
        await online.InvokeAsync<JoinResult>("JoinRoom", ChatLimits.LobbyId);

        await using var page = await ChatPage.OpenAsync(browser, host.BaseAddress,
            phone ? LayoutBrowserTests.Phone() : LayoutBrowserTests.Desktop());
        if (phone) await page.Page.TapAsync("#open-members");
        var more = page.Page.Locator("#members-more");
        await Assertions.Expect(more).ToHaveTextAsync($"and {Guests} others");
        await Assertions.Expect(more).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(page.Page.Locator("#member-count")).ToHaveTextAsync($"2 online · {Guests + 2} total");
        // The reader and the one online guest, nobody else.
        await Assertions.Expect(page.Page.Locator("#members li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Member(present.Name)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("online"));
        await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(page.Page, phone ? "phone members" : "desktop members");
        await page.ScreenshotAsync(phone ? "members-others-phone" : "members-others-desktop");

        await more.ClickAsync();
        await Assertions.Expect(page.Page.Locator("#members li")).ToHaveCountAsync(Guests + 2);
        await Assertions.Expect(more).ToHaveTextAsync("Show fewer");
        await Assertions.Expect(more).ToHaveAttributeAsync("aria-expanded", "true");
        await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(page.Page, phone ? "phone members expanded" : "desktop members expanded");

        await more.ClickAsync();
        await Assertions.Expect(page.Page.Locator("#members li")).ToHaveCountAsync(2);
        await page.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task BigRoom_ShowsTheFirstPage_AndLoadsTheNextWhenTheEndOfTheListComesIntoView()
    {
        // A first page of 5 stands for the 50 of a big room: the list's end is in view, so the next page loads at once.
        using var data = new TempDirectory("orleanschat-member-pages");
        await using var host = new GatewayHost(data.Path, new Dictionary<string, string> { ["Chat:Rooms:MembersOnJoin"] = "5" });
        const int members = 30;
        for (var i = 0; i < members; i++)
        {
            var guest = await host.NewSessionAsync();
            await using var connection = await host.ConnectAsync(guest.Token);
            await connection.InvokeAsync<JoinResult>("JoinRoom", ChatLimits.LobbyId);
        }

        await using var page = await ChatPage.OpenAsync(browser, host.BaseAddress, LayoutBrowserTests.Desktop());

        // Everyone was active today: the whole room is listed, the reader included, none of it summarised.
        await Assertions.Expect(page.Page.Locator("#members li")).ToHaveCountAsync(members + 1);
        await Assertions.Expect(page.Page.Locator("#member-count")).ToHaveTextAsync($"1 online · {members + 1} total");
        await Assertions.Expect(page.Page.Locator("#members-more")).ToBeHiddenAsync();
        await page.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task BigRoom_OfInactiveGuests_CountsThem_AndTheFilterBoxFindsOneThroughTheRoom()
    {
        // A first page of 5 that cannot hold the room, of guests who look ten days old: the list stops at them.
        using var data = new TempDirectory("orleanschat-member-filter");
        await using var host = new GatewayHost(data.Path, new Dictionary<string, string> { ["Chat:Rooms:MembersOnJoin"] = "5" },
            time: new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromDays(10)));
        var names = new List<string>();
        for (var i = 0; i < Guests; i++)
        {
            var guest = await host.NewSessionAsync();
            names.Add(guest.Name);
            await using var connection = await host.ConnectAsync(guest.Token);
            await connection.InvokeAsync<JoinResult>("JoinRoom", ChatLimits.LobbyId);
        }

        await using var page = await ChatPage.OpenAsync(browser, host.BaseAddress, LayoutBrowserTests.Desktop());
        await Assertions.Expect(page.Page.Locator("#members-more")).ToHaveTextAsync($"and {Guests} others");
        await Assertions.Expect(page.Page.Locator("#members li")).ToHaveCountAsync(1);

        await page.Page.Locator("#members-filter").FillAsync(names[7].ToUpperInvariant());
        await Assertions.Expect(page.Page.Locator("#members li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Member(names[7])).ToBeVisibleAsync();
        await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(page.Page, "member filter");

        await page.Page.Locator("#members-filter").FillAsync("no such name here");
        await Assertions.Expect(page.Page.Locator("#member-count")).ToHaveTextAsync("No member's name contains “no such name here”.");
        await Assertions.Expect(page.Page.Locator("#members li")).ToHaveCountAsync(0);

        await page.Page.Locator("#members-filter").FillAsync("");
        await Assertions.Expect(page.Page.Locator("#member-count")).ToHaveTextAsync($"1 online · {Guests + 1} total");
        await Assertions.Expect(page.Page.Locator("#members-more")).ToHaveTextAsync($"and {Guests} others");
        await page.AssertNoConsoleErrorsAsync();
    }
}
