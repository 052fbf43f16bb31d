using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>Message search on the page (issue 15): the header's search, the highlighted words, and the jump to a result far back.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class SearchBrowserTests(BrowserFixture browser)
{
    public static TheoryData<bool> Sizes => new() { false, true };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Search_FromAnotherRoom_OpensTheRoomAtAMessage320MessagesBack_Highlighted(bool phone)
    {
        await using var bob = await ChatClient.ConnectAsync(browser.Host);
        var created = await bob.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Study {Guid.NewGuid().ToString("N")[..6]}");
        var room = created.Room.Id;
        var word = "w" + Guid.NewGuid().ToString("N")[..10];
        var old = await bob.SendAsync(room, $"The exam is in Room 4.12, code {word} <b>bring pens</b>");
        for (var i = 0; i < 320; i++) await bob.SendAsync(room, $"filler {i}");

        await using var alice = await ChatPage.OpenAsync(browser, new Uri(browser.Host.BaseAddress, $"/#{room}"),
            phone ? LayoutBrowserTests.Phone() : LayoutBrowserTests.Desktop());
        await alice.WaitForMessageAsync("filler 319");
        // Another room is open when searching (the room list is a drawer on a phone: go there by address).
        await alice.Page.EvaluateAsync("location.hash = '#lobby'");
        await alice.Page.Locator("body[data-room='lobby']").WaitForAsync();

        await alice.Page.Locator("#open-search").ClickAsync();
        await alice.Page.Locator("#search-input").FillAsync($"ROOM {word}");
        await alice.Page.Locator("#search-input").PressAsync("Enter");

        var hit = alice.Page.Locator("#search-results .search-hit");
        await Assertions.Expect(hit).ToHaveCountAsync(1);
        await Assertions.Expect(hit.Locator(".search-room")).ToHaveTextAsync(created.Room.Name);
        await Assertions.Expect(hit.Locator(".search-snippet")).ToHaveTextAsync($"The exam is in Room 4.12, code {word} <b>bring pens</b>");
        Assert.Equal(["Room", word], await hit.Locator(".search-snippet mark").AllTextContentsAsync());
        await Assertions.Expect(hit.Locator(".search-snippet b")).ToHaveCountAsync(0);

        await hit.ClickAsync();

        await Assertions.Expect(alice.Page.Locator("#search-dialog")).Not.ToBeVisibleAsync();
        Assert.Equal(room, await alice.CurrentRoomAsync());
        var shown = alice.Page.Locator($"#messages .message[data-seq='{old.Seq}']");
        await Assertions.Expect(shown).ToBeInViewportAsync();
        await Assertions.Expect(shown).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bhighlight\b"));

        // "Only in this room" from the room bar: the lobby has no such message, this room has.
        await alice.Page.Locator("#room-search").ClickAsync();
        await Assertions.Expect(alice.Page.Locator("#search-here")).ToBeCheckedAsync();
        await alice.Page.Locator("#search-input").FillAsync($"{word} -pens");
        await alice.Page.Locator("#search-input").PressAsync("Enter");
        await Assertions.Expect(alice.Page.Locator("#search-status")).ToHaveTextAsync("No messages found.");
        await alice.Page.Locator("#search-input").FillAsync("in:#lobby");
        await alice.Page.Locator("#search-input").PressAsync("Enter");
        await Assertions.Expect(alice.Page.Locator("#search-status")).ToContainTextAsync("Type at least one word");
        await alice.AssertNoConsoleErrorsAsync();
    }
}
