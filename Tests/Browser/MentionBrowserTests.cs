using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>Mentions in real Chromium: the @-autocomplete of the room's members (keyboard, listbox), and highlighting.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MentionBrowserTests(BrowserFixture browser)
{
    public static TheoryData<bool, ColorScheme> Layouts => new() { { false, ColorScheme.Light }, { true, ColorScheme.Dark } };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task TypingAt_OffersTheRoomsMembers_EnterInsertsTheName_EscapeCloses_AndMentionsAreHighlighted(bool phone, ColorScheme scheme)
    {
        await using var alice = await ChatPage.OpenAsync(browser, options: phone ? LayoutBrowserTests.Phone(scheme) : LayoutBrowserTests.Desktop(scheme));
        var aliceName = await alice.NameAsync();
        var roomName = $"Mention {Guid.NewGuid().ToString("N")[..6]}";
        var roomId = RoomIds.ToId(roomName);
        if (phone) await alice.Page.ClickAsync("#open-rooms");
        await alice.CreateRoomAsync(roomName);
        var bob = await browser.Host.NewSessionAsync();
        await using var bobClient = await browser.Host.ConnectAsync(bob.Token);
        await bobClient.InvokeAsync<JoinResult>("JoinRoom", roomId);
        await Assertions.Expect(alice.Member(bob.Name)).ToHaveCountAsync(1);

        var composer = alice.Page.Locator("#composer");
        var list = alice.Page.Locator("#mention-list");
        await composer.PressSequentiallyAsync("@");
        await Assertions.Expect(list).ToBeVisibleAsync();
        // The owner may use @here; the user is never offered to themselves.
        await Assertions.Expect(list.GetByRole(AriaRole.Option, new() { Name = "@here everyone online here" })).ToHaveCountAsync(1);
        await Assertions.Expect(list.GetByRole(AriaRole.Option, new() { Name = $"@{aliceName}" })).ToHaveCountAsync(0);
        await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(alice.Page, "mention list");

        await composer.PressSequentiallyAsync(bob.Name[..3]);
        var option = list.GetByRole(AriaRole.Option, new() { Name = $"@{bob.Name}" });
        await Assertions.Expect(option).ToHaveAttributeAsync("aria-selected", "true");
        Assert.Equal(await option.GetAttributeAsync("id"), await composer.GetAttributeAsync("aria-activedescendant"));
        await composer.PressAsync("Enter");
        await Assertions.Expect(list).ToBeHiddenAsync();
        await Assertions.Expect(composer).ToHaveValueAsync($"@{bob.Name} ");

        await composer.PressSequentiallyAsync("and @");
        await Assertions.Expect(list).ToBeVisibleAsync();
        await composer.PressAsync("Escape");
        await Assertions.Expect(list).ToBeHiddenAsync();
        await composer.PressSequentiallyAsync("x");
        await composer.PressAsync("Enter"); // the list is closed: Enter sends
        await alice.WaitForMessageAsync($"@{bob.Name} and @x");

        await bobClient.InvokeAsync<PostResult>("Send", roomId, "b1", $"thanks @{aliceName}, and {aliceName.ToUpperInvariant()}");
        await alice.WaitForMessageAsync("thanks");
        var mine = alice.Message("thanks").Locator(".mention.me");
        await Assertions.Expect(mine).ToHaveCountAsync(2);
        await Assertions.Expect(mine.First).ToHaveTextAsync($"@{aliceName}");
        await Assertions.Expect(alice.Message("and @x").Locator(".mention")).ToHaveTextAsync($"@{bob.Name}");
        await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(alice.Page, "highlighted mentions");
        await alice.AssertNoConsoleErrorsAsync();
    }
}
