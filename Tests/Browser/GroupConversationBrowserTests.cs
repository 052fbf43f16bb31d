using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>A group conversation of three started from People (issue 14), on desktop and phone.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class GroupConversationBrowserTests(BrowserFixture browser)
{
    public static TheoryData<bool> Sizes => new() { false, true };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task ThreePeople_StartedFromPeople_TalkTogether_ListedWithTheDirectMessages(bool phone)
    {
        await using var alice = await ChatPage.OpenAsync(browser, options: phone ? LayoutBrowserTests.Phone() : LayoutBrowserTests.Desktop());
        await using var bob = await ChatClient.ConnectAsync(browser.Host);
        await using var carol = await ChatClient.ConnectAsync(browser.Host);

        // People: tick Bob and Carol (found by name), then start the conversation.
        if (phone) await alice.Page.ClickAsync("#open-rooms");
        await alice.Page.ClickAsync("#open-people");
        var start = alice.Page.Locator("#people-group-start");
        await Assertions.Expect(start).ToBeDisabledAsync();
        foreach (var (name, id) in new[] { (bob.Session.Name, bob.UserId), (carol.Session.Name, carol.UserId) })
        {
            await alice.Page.FillAsync("#people-search", name);
            await alice.Page.Locator($"#people-results .person[data-user-id='{id}'] .person-pick").CheckAsync();
        }
        await Assertions.Expect(start).ToHaveTextAsync("Start a group conversation (3 people)");
        await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(alice.Page, $"people dialog with a group, phone {phone}");
        await start.ClickAsync();

        await alice.Page.Locator("body[data-room^='g-']").WaitForAsync();
        var group = await alice.CurrentRoomAsync();
        var names = string.Join(", ", new[] { bob.Session.Name, carol.Session.Name }.Order(StringComparer.Ordinal));
        await Assertions.Expect(alice.Page.Locator("#room-name")).ToHaveTextAsync(names);
        await Assertions.Expect(alice.Page.Locator("#room-invite")).ToBeHiddenAsync();
        await Assertions.Expect(alice.Page.Locator("#messages .history-status")).ToHaveTextAsync($"This is the start of your conversation with {names}.");
        await Assertions.Expect(alice.Page.Locator($"#directs li[data-room-id='{group}']")).ToContainTextAsync(names);

        await alice.SendAsync("lunch at noon?");
        foreach (var other in new[] { bob, carol })
        {
            await other.WaitUntil(c => c.WasAdded(group), "the conversation to arrive");
            await other.JoinAsync(group);
        }
        await carol.SendAsync(group, "yes!");
        await alice.WaitForMessageAsync("yes!");
        await bob.WaitUntil(c => c.Received(group).Any(e => e.Text == "yes!"), "Carol's answer to reach Bob");
        await alice.AssertNoConsoleErrorsAsync();
    }
}
