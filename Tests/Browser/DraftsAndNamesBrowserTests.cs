using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// A chat kept open all day: a draft per room that survives room switches and reloads, a counter and a clear refusal
/// near the length limit, and authors shown by their current names, on earlier messages too.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class DraftsAndNamesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Drafts_StayWithTheirRoom_AcrossSwitchesAndReloads_AndGoWhenSent()
    {
        await using var page = await ChatPage.OpenAsync(browser);
        var tag = Guid.NewGuid().ToString("N")[..6];
        await page.CreateRoomAsync($"Draft A {tag}");
        var roomA = RoomIds.ToId($"Draft A {tag}");
        await page.Page.FillAsync("#composer", "half-written in A");
        await page.CreateRoomAsync($"Draft B {tag}");
        var roomB = RoomIds.ToId($"Draft B {tag}");

        await Assertions.Expect(page.Page.Locator("#composer")).ToHaveValueAsync("");
        await page.Page.FillAsync("#composer", "draft for B");
        await page.Page.ReloadAsync();
        await page.WaitReadyAsync();
        await page.Page.Locator($"body[data-room='{roomB}']").WaitForAsync();
        await Assertions.Expect(page.Page.Locator("#composer")).ToHaveValueAsync("draft for B");

        await page.OpenRoomAsync(roomA);
        await Assertions.Expect(page.Page.Locator("#composer")).ToHaveValueAsync("half-written in A");
        await page.Page.PressAsync("#composer", "Enter");
        await page.WaitForMessageAsync("half-written in A");
        await page.Page.ReloadAsync();
        await page.WaitReadyAsync();
        await page.Page.Locator($"body[data-room='{roomA}']").WaitForAsync();
        await Assertions.Expect(page.Page.Locator("#composer")).ToHaveValueAsync("");
        await page.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task NearTheLimit_ACounterShows_AndATooLongMessageIsRefusedWhole_NotCut()
    {
        await using var page = await ChatPage.OpenAsync(browser);
        await page.CreateRoomAsync($"Long {Guid.NewGuid().ToString("N")[..6]}");
        var counter = page.Page.Locator("#composer-counter");
        await Assertions.Expect(counter).ToBeHiddenAsync();

        await page.Page.FillAsync("#composer", new string('a', 3600));
        await Assertions.Expect(counter).ToHaveTextAsync("3,600 / 4,000");
        await page.Page.FillAsync("#composer", new string('b', 4100));
        await Assertions.Expect(counter).ToHaveTextAsync("4,100 / 4,000");
        await Assertions.Expect(counter).ToHaveClassAsync("composer-counter over");
        await page.Page.PressAsync("#composer", "Enter");

        await Assertions.Expect(page.Toast("at most 4,000 characters (this one has 4,100). Nothing was sent.")).ToBeVisibleAsync();
        Assert.Equal(4100, (await page.Page.InputValueAsync("#composer")).Length);
        await Assertions.Expect(page.Messages).ToHaveCountAsync(0);
        await page.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task ARename_ShowsOnTheAuthorsEarlierMessages_LiveAndAfterReload()
    {
        await using var alice = await ChatPage.OpenAsync(browser);
        var roomName = $"Names {Guid.NewGuid().ToString("N")[..6]}";
        await alice.CreateRoomAsync(roomName);
        var room = RoomIds.ToId(roomName);
        await using var bob = await ChatClient.ConnectAsync(browser.Host);
        await bob.JoinAsync(room);
        await bob.SendAsync(room, "before the rename");
        await alice.WaitForMessageAsync("before the rename");
        var authors = alice.Page.Locator("#messages .message[data-seq] .author");
        await Assertions.Expect(authors).ToHaveTextAsync([bob.Session.Name]);

        var newName = $"Renamed {Guid.NewGuid().ToString("N")[..6]}";
        await bob.Connection.InvokeAsync<UserProfile>("Rename", newName);

        await Assertions.Expect(authors).ToHaveTextAsync([newName]);
        // The generated avatar beside it: the new initials, the same colour (it follows the user id, not the name).
        var avatar = alice.Page.Locator("#messages .message[data-seq] .avatar");
        await Assertions.Expect(avatar).ToHaveTextAsync("R" + newName.Split(' ')[1][..1].ToUpperInvariant());
        await alice.Page.ReloadAsync();
        await alice.WaitReadyAsync();
        await alice.WaitForMessageAsync("before the rename");
        await Assertions.Expect(authors).ToHaveTextAsync([newName]);
        await alice.AssertNoConsoleErrorsAsync();
    }
}
