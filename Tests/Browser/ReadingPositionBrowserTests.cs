using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// Where a room opens (issue 14): at a "New messages" line above the first unread message, with "Jump to latest"
/// while the newest are out of view; at the reading position after a reload; a tap on a time shows it exactly.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ReadingPositionBrowserTests(BrowserFixture browser)
{
    public static TheoryData<bool> Sizes => new() { false, true };

    private static string Id() => Guid.NewGuid().ToString("N")[..6];

    private static ILocator MessageNode(ChatPage page, long seq) => page.Page.Locator($"#messages .message[data-seq='{seq}']");

    private static BrowserNewContextOptions Layout(bool phone) => phone ? LayoutBrowserTests.Phone() : LayoutBrowserTests.Desktop();

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task UnreadMessages_OpenAtANewMessagesLine_AndJumpToLatestCountsArrivals(bool phone)
    {
        await using var bob = await ChatClient.ConnectAsync(browser.Host);
        var room = (await bob.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Divider {Id()}")).Room.Id;
        var other = (await bob.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Elsewhere {Id()}")).Room.Id;
        for (var i = 1; i <= 3; i++) await bob.SendAsync(room, $"read {i}");
        await using var alice = await ChatPage.OpenAsync(browser, new Uri(browser.Host.BaseAddress, $"/#{room}"), Layout(phone));
        await alice.WaitForMessageAsync("read 3");

        // Alice reads elsewhere while 40 messages arrive; she comes back.
        await alice.Page.EvaluateAsync("other => { location.hash = other; }", other);
        await alice.Page.Locator($"body[data-room='{other}']").WaitForAsync();
        var firstUnread = await bob.SendAsync(room, "unread 1");
        for (var i = 2; i <= 40; i++) await bob.SendAsync(room, $"unread {i}");
        await Assertions.Expect(alice.RoomItem(room).Locator(".badge")).ToHaveTextAsync("40");
        await alice.Page.EvaluateAsync("room => { location.hash = room; }", room);
        await alice.Page.Locator($"body[data-room='{room}']").WaitForAsync();

        var divider = alice.Page.Locator("#messages .unread-divider");
        await Assertions.Expect(divider).ToHaveCountAsync(1);
        Assert.Equal(firstUnread.Seq.ToString(), await divider.EvaluateAsync<string>("line => line.nextElementSibling.dataset.seq"));
        await Assertions.Expect(MessageNode(alice, firstUnread.Seq)).ToBeInViewportAsync();
        var jump = alice.Page.Locator("#jump-latest");
        await Assertions.Expect(jump).ToHaveTextAsync("Jump to latest ↓");
        await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(alice.Page, $"new messages line, phone {phone}");

        await bob.SendAsync(room, "while reading");
        await Assertions.Expect(jump).ToHaveTextAsync("1 new message ↓");
        await jump.ClickAsync();
        await Assertions.Expect(alice.Message("while reading")).ToBeInViewportAsync();
        await Assertions.Expect(jump).ToBeHiddenAsync();
        await alice.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task AReload_OpensTheRoomWhereTheUserWasReading()
    {
        await using var bob = await ChatClient.ConnectAsync(browser.Host);
        var room = (await bob.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Position {Id()}")).Room.Id;
        var sent = new List<PostResult>();
        for (var i = 1; i <= 150; i++) sent.Add(await bob.SendAsync(room, $"line {i}"));
        await using var alice = await ChatPage.OpenAsync(browser, new Uri(browser.Host.BaseAddress, $"/#{room}"), LayoutBrowserTests.Desktop());
        await alice.WaitForMessageAsync("line 150");
        await Assertions.Expect(alice.Page.Locator("#messages .unread-divider")).ToHaveCountAsync(0); // never read before

        // Alice scrolls back to line 20 (history loads as she goes) and reads there.
        var target = sent[19].Seq;
        await alice.Page.EvaluateAsync(
            """
            async seq => {
                const list = document.getElementById('messages');
                while (!list.querySelector(`.message[data-seq="${seq}"]`)) {
                    list.scrollTop = 0;
                    await new Promise(resolve => list.addEventListener('scroll', resolve, { once: true }));
                }
                list.querySelector(`.message[data-seq="${seq}"]`).scrollIntoView({ block: 'start' });
            }
            """, target);
        var key = $"orleanschat.position.{room}";
        // Positions passed on the way up may be saved first (throttled); wait for the one where she stopped.
        await alice.Page.WaitForFunctionAsync(
            "([key, seq]) => Math.abs(Number(localStorage.getItem(key)) - seq) <= 1", new object[] { key, target });
        var position = long.Parse((await alice.Page.EvaluateAsync<string>("key => localStorage.getItem(key)", key))!);
        Assert.InRange(position, target - 1, target + 1);

        await alice.Page.ReloadAsync();
        await alice.Page.Locator($"body[data-room='{room}']").WaitForAsync();
        await Assertions.Expect(MessageNode(alice, position)).ToBeInViewportAsync();
        await Assertions.Expect(alice.Message("line 150")).Not.ToBeInViewportAsync();

        // A tap on a message's time shows it exactly; another tap goes back (a message that starts a group shows its time).
        var time = alice.Page.Locator("#messages .message[data-seq]:not(.continued) time").First;
        var relative = await time.TextContentAsync();
        await time.ClickAsync();
        await Assertions.Expect(time).ToHaveClassAsync("exact");
        await Assertions.Expect(time).Not.ToHaveTextAsync(relative!);
        await time.ClickAsync();
        await Assertions.Expect(time).ToHaveTextAsync(relative!);
        await alice.AssertNoConsoleErrorsAsync();
    }
}
