using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// A user's state and status text in the member list, and one's own avatar and state in the header: Bob hides his tab
/// and Alice's page shows him away (a half dot and the words), then online again; Bob sets a status text and Alice
/// sees it under his name; a status that is too long is refused in the server's words. Desktop and phone, light and
/// dark, with axe-core finding no serious problem.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class AwayBrowserTests(BrowserFixture browser)
{
    public static TheoryData<string, bool, ColorScheme> Layouts => new()
    {
        { "desktop-light", false, ColorScheme.Light },
        { "phone-dark", true, ColorScheme.Dark },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task AHiddenTab_ShowsItsUserAway_ToOthers_AndTheStatusTextIsShownUnderTheName(string name, bool phone, ColorScheme scheme)
    {
        var options = phone ? LayoutBrowserTests.Phone(scheme) : LayoutBrowserTests.Desktop(scheme);
        await using var alice = await ChatPage.OpenAsync(browser, options: options);
        await using var bob = await ChatPage.OpenAsync(browser, options: options);
        var roomName = $"Away {Guid.NewGuid().ToString("N")[..6]}";
        var room = RoomIds.ToId(roomName);
        if (phone) await alice.Page.ClickAsync("#open-rooms");
        await alice.CreateRoomAsync(roomName);
        if (phone) await bob.Page.ClickAsync("#open-rooms");
        await bob.JoinFromBrowseAsync(room);
        var bobName = await bob.NameAsync();

        // Own avatar in the header: the initials of one's own name, and one's state.
        var ownAvatar = alice.Page.Locator("#me-presence .avatar");
        await Assertions.Expect(ownAvatar).ToBeVisibleAsync();
        var aliceName = await alice.NameAsync();
        var initials = string.Concat(aliceName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));
        await Assertions.Expect(ownAvatar).ToHaveTextAsync(initials);
        await Assertions.Expect(alice.Page.Locator("#me-presence")).ToHaveAttributeAsync("data-state", "online");
        await Assertions.Expect(alice.Page.Locator("#me-presence .me-state")).ToHaveTextAsync("You appear online");

        // Bob sets a status text through his profile menu.
        await bob.ProfileMenuAsync("Set a status…");
        await bob.Page.FillAsync("#status-input", "Back at 3");
        await bob.Page.ClickAsync("#status-form button[type='submit']");
        await Assertions.Expect(bob.Page.Locator("#status-form")).ToBeHiddenAsync();

        if (phone) await alice.Page.ClickAsync("#open-members");
        var bobInList = alice.Member(bobName);
        await Assertions.Expect(bobInList.Locator(".member-status")).ToHaveTextAsync("Back at 3");
        await Assertions.Expect(bobInList).ToHaveAttributeAsync("data-state", "online");

        // Bob's tab goes to the background: Alice sees him away, by shape and words, not colour alone.
        await bob.SetTabVisibleAsync(false);
        await Assertions.Expect(bobInList).ToHaveAttributeAsync("data-state", "away");
        await Assertions.Expect(bobInList.Locator(".member-state")).ToHaveTextAsync(", away");
        await Assertions.Expect(bob.Page.Locator("#me-presence")).ToHaveAttributeAsync("data-state", "away");
        Assert.True(await alice.FitsHorizontallyAsync());
        await alice.ScreenshotAsync($"away-{name}");
        await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(alice.Page, $"{name}, a member away with a status");

        // Back to the tab: online again for everyone.
        await bob.SetTabVisibleAsync(true);
        await Assertions.Expect(bobInList).ToHaveAttributeAsync("data-state", "online");
        await Assertions.Expect(bobInList.Locator(".member-state")).ToHaveTextAsync(", online");

        // A status the server refuses: its reason under the field, and the old status kept.
        await bob.ProfileMenuAsync("Change status…");
        await Assertions.Expect(bob.Page.Locator("#status-input")).ToHaveValueAsync("Back at 3");
        await bob.Page.FillAsync("#status-input", new string('x', 81));
        await bob.Page.ClickAsync("#status-form button[type='submit']");
        await Assertions.Expect(bob.Page.Locator("#status-error")).ToHaveTextAsync("A status has at most 80 characters.");
        await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(bob.Page, $"{name}, the status form with an error");
        await bob.Page.ClickAsync("#status-clear");
        await Assertions.Expect(bob.Page.Locator("#status-form")).ToBeHiddenAsync();
        await Assertions.Expect(bobInList.Locator(".member-status")).ToBeHiddenAsync();

        await alice.AssertNoConsoleErrorsAsync();
        await bob.AssertNoConsoleErrorsAsync();
    }
}
