using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>"Browse rooms" with more public rooms than one page: the first page, "More rooms", and the search box.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class BrowseRoomsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Search_FindsARoomBeyondTheFirstPage_AndJoinsIt()
    {
        // "zz…" ids sort after the rooms of the other tests of the collection, which keep their places on the first page.
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using (var creator = await ChatClient.ConnectAsync(browser.Host))
        {
            for (var i = 0; i < 55; i++) await creator.Connection.InvokeAsync<JoinResult>("CreateRoom", $"zz{tag} filler {i:D2}");
            await creator.Connection.InvokeAsync<JoinResult>("CreateRoom", $"zzzz{tag} needle");
        }
        var needle = $"zzzz{tag}-needle";
        await using var alice = await ChatPage.OpenAsync(browser);
        var browse = alice.Page.Locator("#browse li[data-room-id]");

        // The first page only: 50 rooms (the lobby among them, which Alice is in, so not shown).
        await Assertions.Expect(alice.Page.Locator("#browse-more")).ToBeVisibleAsync();
        Assert.InRange(await browse.CountAsync(), 40, 49);
        await Assertions.Expect(alice.Page.Locator($"#browse li[data-room-id='{needle}']")).ToHaveCountAsync(0);

        var before = await browse.CountAsync();
        await alice.Page.ClickAsync("#browse-more");
        await Assertions.Expect(browse).Not.ToHaveCountAsync(before);

        await alice.Page.FillAsync("#browse-search", $"{tag} NEEDLE");
        await Assertions.Expect(browse).ToHaveCountAsync(1);
        await Assertions.Expect(alice.Page.Locator("#browse-more")).ToBeHiddenAsync();
        await alice.Page.Locator($"#browse li[data-room-id='{needle}']").ClickAsync();
        await alice.Page.Locator($"body[data-room='{needle}']").WaitForAsync();
        await Assertions.Expect(alice.RoomItem(needle)).ToBeVisibleAsync();

        await alice.Page.FillAsync("#browse-search", $"{tag} nothing like this");
        await Assertions.Expect(alice.Page.Locator("#browse-empty")).ToHaveTextAsync("No public room matches.");
        await alice.AssertNoConsoleErrorsAsync();
    }
}
