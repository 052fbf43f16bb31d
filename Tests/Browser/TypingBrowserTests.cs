using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>The typing indicator between two real browsers.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class TypingBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Typing_ShowsForTheOtherUserOnly_AndGoesAwayByItselfOrWithTheMessage()
    {
        await using var alice = await ChatPage.OpenAsync(browser);
        await using var bob = await ChatPage.OpenAsync(browser);
        var bobName = await bob.NameAsync();
        var roomName = $"Typing {Guid.NewGuid().ToString("N")[..6]}";
        await alice.CreateRoomAsync(roomName);
        await bob.JoinFromBrowseAsync(RoomIds.ToId(roomName));
        var typing = alice.Page.Locator("#typing");
        Assert.Equal("polite", await typing.GetAttributeAsync("aria-live"));

        await bob.Page.Locator("#composer").PressSequentiallyAsync("hel");
        await Assertions.Expect(typing).ToHaveTextAsync($"{bobName} is typing…");
        await Assertions.Expect(bob.Page.Locator("#typing")).ToBeEmptyAsync();

        // Nothing more typed: it disappears a few seconds after the last notice.
        await Assertions.Expect(typing).ToBeEmptyAsync();

        await bob.Page.Locator("#composer").PressSequentiallyAsync("lo");
        await Assertions.Expect(typing).ToHaveTextAsync($"{bobName} is typing…");
        await bob.Page.PressAsync("#composer", "Enter");
        await alice.WaitForMessageAsync("hello");
        await Assertions.Expect(typing).ToBeEmptyAsync(new() { Timeout = 1000 });

        await alice.AssertNoConsoleErrorsAsync();
        await bob.AssertNoConsoleErrorsAsync();
    }
}
