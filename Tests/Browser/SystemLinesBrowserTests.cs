using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// System lines (issue 14): joins, a kick and a rename show as quiet lines of the timeline, a run of joins as one line;
/// they leave no unread badge, survive a reload, and "This is the start of #…" follows the rename. On phone and desktop,
/// axe-core clean in light and dark.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SystemLinesBrowserTests(BrowserFixture browser)
{
    public static TheoryData<bool> Sizes => new() { false, true };

    private static string Id() => Guid.NewGuid().ToString("N")[..6];

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task SystemLines_AfterKickAndRename(bool phone)
    {
        await using var bob = await ChatClient.ConnectAsync(browser.Host);
        var oldName = $"Lines {Id()}";
        var created = await bob.Connection.InvokeAsync<JoinResult>("CreateRoom", oldName);
        var room = created.Room.Id;
        var bobName = created.Members.Single().Name;
        await bob.SendAsync(room, "welcome");
        await using var alice = await ChatPage.OpenAsync(browser, options: phone ? LayoutBrowserTests.Phone() : LayoutBrowserTests.Desktop());
        var aliceName = await alice.NameAsync();
        await GoToAsync(alice, room);
        await alice.WaitForMessageAsync("welcome");
        await using var carl = await ChatClient.ConnectAsync(browser.Host);
        await using var dee = await ChatClient.ConnectAsync(browser.Host);
        await carl.JoinAsync(room);
        await dee.JoinAsync(room);

        // Alice's own join and the two after it, with nothing between them: one line.
        var lines = alice.Page.Locator("#messages .system-line:visible");
        await Assertions.Expect(lines).ToHaveTextAsync([$"{aliceName}, {carl.Session.Name} and {dee.Session.Name} joined"]);

        // Away in the lobby, Alice is not told of the kick and the rename as unread; a message is one unread.
        await GoToAsync(alice, ChatLimits.LobbyId);
        await bob.Connection.InvokeAsync("Kick", room, carl.UserId);
        var newName = $"Renamed {Id()}";
        await bob.Connection.InvokeAsync<RoomSummary>("UpdateRoom", room, newName, null, null);
        await Assertions.Expect(alice.RoomItem(room).Locator(".room-name")).ToHaveTextAsync(newName);
        await bob.SendAsync(room, "after the rename");
        var badge = alice.RoomItem(room).Locator(".badge");
        await Assertions.Expect(badge).ToHaveTextAsync("1");

        string[] expected =
        [
            $"{aliceName}, {carl.Session.Name} and {dee.Session.Name} joined",
            $"{bobName} removed {carl.Session.Name}",
            $"{bobName} renamed the room from #{oldName} to #{newName}",
        ];
        async Task AssertShownAsync()
        {
            await alice.WaitForMessageAsync("after the rename");
            await Assertions.Expect(lines).ToHaveTextAsync(expected);
            // Quiet lines: no author, avatar or action menu; in sequence between the messages.
            await Assertions.Expect(alice.Page.Locator("#messages .system-line .avatar, #messages .system-line .message-actions")).ToHaveCountAsync(0);
            var order = await alice.Page.EvalOnSelectorAllAsync<string[]>(
                "#messages .message[data-seq], #messages .system-line:not([hidden])", "els => els.map(e => e.classList.contains('system-line') ? 'line' : 'message')");
            Assert.Equal(["message", "line", "line", "line", "message"], order);
            await Assertions.Expect(alice.Page.Locator("#messages .history-status")).ToHaveTextAsync($"This is the start of #{newName}.");
        }

        await GoToAsync(alice, room);
        await AssertShownAsync();
        await Assertions.Expect(badge).ToBeHiddenAsync();
        await alice.ScreenshotAsync($"system-lines-{(phone ? "phone" : "desktop")}");
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await alice.Page.EmulateMediaAsync(new() { ColorScheme = scheme });
            await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(alice.Page, $"system lines, {(phone ? "phone" : "desktop")}, {scheme}");
        }

        // From the server's history after a reload.
        await alice.Page.ReloadAsync();
        await alice.WaitReadyAsync();
        await AssertShownAsync();
        await alice.AssertNoConsoleErrorsAsync();
    }

    private static async Task GoToAsync(ChatPage page, string room)
    {
        await page.Page.EvaluateAsync("room => { location.hash = '#' + room; }", room);
        await page.Page.Locator($"body[data-room='{room}']").WaitForAsync();
    }
}
