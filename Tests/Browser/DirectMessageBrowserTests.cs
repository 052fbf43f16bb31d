using Microsoft.AspNetCore.SignalR.Client;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>Direct messages and attention in real Chromium: a DM started from People, unread badges, the page title.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class DirectMessageBrowserTests(BrowserFixture browser)
{
    private static readonly Regex CountInTitle = new(@"^\(\d+\) ");

    [Fact]
    public async Task DirectMessage_StartedFromPeople_ArrivesLiveWithBadgeAndTitle_AndTheReplyComesBack()
    {
        await using var alice = await ChatPage.OpenAsync(browser);
        await using var bob = await ChatPage.OpenAsync(browser);
        var aliceName = await alice.NameAsync();
        var bobName = await bob.NameAsync();

        // People lists who is online, and a name search starts the conversation.
        await alice.Page.ClickAsync("#open-people");
        await Assertions.Expect(alice.Page.Locator("#people-online li", new() { HasTextString = bobName })).ToBeVisibleAsync();
        await alice.Page.FillAsync("#people-search", bobName[..^1]);
        await alice.Page.Locator("#people-results").GetByRole(AriaRole.Button, new() { Name = bobName }).ClickAsync();
        await alice.Page.Locator("body[data-room^='dm-']").WaitForAsync();
        await Assertions.Expect(alice.Page.Locator("#room-name")).ToHaveTextAsync(bobName);
        await Assertions.Expect(alice.DirectItem(bobName)).ToBeVisibleAsync();
        var dm = await alice.CurrentRoomAsync();

        await alice.SendAsync("psst, Bob");

        // Bob is in the lobby: the conversation arrives live with a highlighted badge, and the title counts it.
        var item = bob.DirectItem(aliceName);
        await Assertions.Expect(item.Locator(".badge.mention")).ToHaveTextAsync("1");
        await Assertions.Expect(bob.Page).ToHaveTitleAsync(CountInTitle);
        Assert.StartsWith("(1) ", await bob.Page.TitleAsync());
        Assert.Equal("lobby", await bob.CurrentRoomAsync());

        await item.ClickAsync();
        await bob.Page.Locator($"body[data-room='{dm}']").WaitForAsync();
        await bob.WaitForMessageAsync("psst, Bob");
        await Assertions.Expect(item.Locator(".badge")).ToBeHiddenAsync();
        await Assertions.Expect(bob.Page).Not.ToHaveTitleAsync(CountInTitle);

        await bob.SendAsync("hi Alice");
        await alice.WaitForMessageAsync("hi Alice");
        Assert.Equal([(1L, "psst, Bob"), (2L, "hi Alice")], await alice.ShownAsync());

        // Opening it again from the member list finds the same conversation.
        await alice.OpenRoomAsync("lobby");
        var menu = await alice.OpenMemberMenuAsync(bobName);
        await menu.GetByRole(AriaRole.Button, new() { Name = "Message" }).ClickAsync();
        await alice.Page.Locator($"body[data-room='{dm}']").WaitForAsync();
        Assert.Equal(1, await alice.Page.Locator("#directs li").CountAsync());

        await alice.AssertNoConsoleErrorsAsync();
        await bob.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task DirectMessage_InTheOpenConversation_WhileTheTabIsHidden_CountsUntilTheTabIsShown()
    {
        await using var alice = await ChatPage.OpenAsync(browser);
        await using var bob = await ChatPage.OpenAsync(browser);
        var aliceName = await alice.NameAsync();
        var bobName = await bob.NameAsync();
        await alice.Page.ClickAsync("#open-people");
        await alice.Page.FillAsync("#people-search", bobName);
        await alice.Page.Locator("#people-results").GetByRole(AriaRole.Button, new() { Name = bobName }).ClickAsync();
        await alice.Page.Locator("body[data-room^='dm-']").WaitForAsync();
        await alice.SendAsync("first");
        await bob.DirectItem(aliceName).ClickAsync();
        await bob.WaitForMessageAsync("first");
        await Assertions.Expect(bob.Page).Not.ToHaveTitleAsync(CountInTitle);

        await bob.SetTabVisibleAsync(false);
        await alice.SendAsync("are you there?");
        await bob.WaitForMessageAsync("are you there?");
        await Assertions.Expect(bob.Page).ToHaveTitleAsync(new Regex(@"^\(1\) @"));

        await bob.SetTabVisibleAsync(true);
        await Assertions.Expect(bob.Page).Not.ToHaveTitleAsync(CountInTitle);
        await Assertions.Expect(bob.DirectItem(aliceName).Locator(".badge")).ToBeHiddenAsync();
        await alice.AssertNoConsoleErrorsAsync();
        await bob.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task Mention_InARoomNotOnScreen_HighlightsItsBadgeAndCountsInTheTitle_UntilRead()
    {
        await using var alice = await ChatPage.OpenAsync(browser);
        await using var bob = await ChatPage.OpenAsync(browser);
        var aliceName = await alice.NameAsync();
        var roomName = $"Mentions {Guid.NewGuid().ToString("N")[..6]}";
        var roomId = RoomIds.ToId(roomName);
        await alice.CreateRoomAsync(roomName);
        await bob.JoinFromBrowseAsync(roomId);
        await alice.OpenRoomAsync("lobby");

        await bob.SendAsync("just chatting");
        await Assertions.Expect(alice.RoomItem(roomId).Locator(".badge")).ToHaveTextAsync("1");
        await Assertions.Expect(alice.RoomItem(roomId).Locator(".badge")).Not.ToHaveClassAsync(new Regex("mention"));
        Assert.DoesNotMatch(CountInTitle, await alice.Page.TitleAsync());

        await bob.SendAsync($"what do you think, {aliceName.ToLowerInvariant()}?");
        await Assertions.Expect(alice.RoomItem(roomId).Locator(".badge.mention")).ToHaveTextAsync("2");
        await Assertions.Expect(alice.Page).ToHaveTitleAsync(new Regex(@"^\(1\) "));

        await alice.OpenRoomAsync(roomId);
        await Assertions.Expect(alice.Page.Locator("#messages .message.mentions-me")).ToHaveCountAsync(1);
        await Assertions.Expect(alice.Page).Not.ToHaveTitleAsync(CountInTitle);
        await Assertions.Expect(alice.RoomItem(roomId).Locator(".badge")).ToBeHiddenAsync();

        // The read marker moved: a reload starts with nothing unread.
        await alice.OpenRoomAsync("lobby");
        await alice.Page.ReloadAsync();
        await alice.WaitReadyAsync();
        await Assertions.Expect(alice.RoomItem(roomId)).ToBeVisibleAsync();
        await Assertions.Expect(alice.RoomItem(roomId).Locator(".badge")).ToBeHiddenAsync();

        await alice.AssertNoConsoleErrorsAsync();
        await bob.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task UnreadCounts_ComeFromTheServer_AfterAReload()
    {
        await using var alice = await ChatPage.OpenAsync(browser);
        var session = await browser.Host.NewSessionAsync();
        var roomName = $"Away {Guid.NewGuid().ToString("N")[..6]}";
        var roomId = RoomIds.ToId(roomName);
        await alice.CreateRoomAsync(roomName);
        await alice.OpenRoomAsync("lobby");

        await using (var bob = await browser.Host.ConnectAsync(session.Token))
        {
            await bob.InvokeAsync<JoinResult>("JoinRoom", roomId);
            for (var i = 1; i <= 3; i++) await bob.InvokeAsync<PostResult>("Send", roomId, $"a{i}", $"while you were away {i}");
        }
        var badge = alice.RoomItem(roomId).Locator(".badge");
        await Assertions.Expect(badge).ToHaveTextAsync("3");

        await alice.Page.ReloadAsync();
        await alice.WaitReadyAsync();
        await Assertions.Expect(badge).ToHaveTextAsync("3");
        await alice.AssertNoConsoleErrorsAsync();
    }
}
