using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>Private rooms in real Chromium: invitation through the page, live arrival, invisibility to others, kick.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PrivateRoomBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task PrivateRoom_InviteeChatsLive_OutsiderCannotFindOrOpenIt_KickRemovesItFromTheInvitee()
    {
        await using var alice = await ChatPage.OpenAsync(browser);
        await using var bob = await ChatPage.OpenAsync(browser);
        var bobName = await bob.NameAsync();
        var roomName = $"Secret {Guid.NewGuid().ToString("N")[..6]}";

        var roomId = await alice.CreatePrivateRoomAsync(roomName);
        Assert.StartsWith("p-", roomId);
        await Assertions.Expect(alice.RoomItem(roomId).Locator(".room-hash")).ToHaveTextAsync("🔒");

        // Alice invites Bob through the Invite dialog's name search.
        await alice.Page.ClickAsync("#room-invite");
        await alice.Page.FillAsync("#invite-search", bobName);
        var invite = alice.Page.Locator("#invite-results").GetByRole(AriaRole.Button, new() { Name = $"Invite {bobName}" });
        await invite.ClickAsync();
        await Assertions.Expect(invite).ToHaveTextAsync("Invited");
        await alice.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(alice.Page.Locator("#invite-dialog")).ToBeHiddenAsync();
        await Assertions.Expect(alice.Member(bobName)).ToBeVisibleAsync();

        // Bob gets it live, without reloading, and chats there.
        await Assertions.Expect(bob.RoomItem(roomId)).ToContainTextAsync(roomName);
        await Assertions.Expect(bob.Toast(roomName)).ToBeVisibleAsync();
        await bob.OpenRoomAsync(roomId);
        await alice.SendAsync("only for Bob");
        await bob.WaitForMessageAsync("only for Bob");
        await bob.SendAsync("got it");
        await alice.WaitForMessageAsync("got it");

        // Carol neither finds it among the public rooms nor opens it by its address.
        var marker = await CreatePublicRoomAsync($"Open {Guid.NewGuid().ToString("N")[..6]}");
        await using var carol = await ChatPage.OpenAsync(browser, new Uri(browser.Host.BaseAddress, $"/#{roomId}"));
        await Assertions.Expect(carol.Toast($"There is no room '{roomId}'")).ToBeVisibleAsync();
        await carol.Page.Locator("body[data-room='lobby']").WaitForAsync();
        await carol.Page.ClickAsync("#browse-refresh");
        await carol.Page.Locator($"#browse li[data-room-id='{marker}']").WaitForAsync();
        Assert.Equal(0, await carol.Page.Locator($"[data-room-id='{roomId}']").CountAsync());
        Assert.DoesNotContain(roomName, await carol.Page.InnerTextAsync("body"));
        Assert.DoesNotContain("only for Bob", await carol.Page.InnerTextAsync("body"));

        // Alice kicks Bob from the member menu: the room disappears from Bob's page and he is told.
        var menu = await alice.OpenMemberMenuAsync(bobName);
        await menu.GetByRole(AriaRole.Button, new() { Name = "Kick" }).ClickAsync();
        await Assertions.Expect(alice.Member(bobName)).ToHaveCountAsync(0);
        await Assertions.Expect(bob.RoomItem(roomId)).ToHaveCountAsync(0);
        await Assertions.Expect(bob.Toast($"You were removed from {roomName}")).ToBeVisibleAsync();
        await bob.Page.Locator("body[data-room='lobby']").WaitForAsync();
        Assert.Equal(0, await bob.Message("only for Bob").CountAsync());

        await alice.AssertNoConsoleErrorsAsync();
        await bob.AssertNoConsoleErrorsAsync();
        await carol.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task Owner_EditsNameTopicAndVisibility_MembersSeeTheChange()
    {
        await using var alice = await ChatPage.OpenAsync(browser);
        await using var bob = await ChatPage.OpenAsync(browser);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var roomId = await alice.CreatePrivateRoomAsync($"Plans {suffix}");
        var bobName = await bob.NameAsync();
        await alice.Page.ClickAsync("#room-invite");
        await alice.Page.FillAsync("#invite-search", bobName);
        await alice.Page.Locator("#invite-results").GetByRole(AriaRole.Button, new() { Name = $"Invite {bobName}" }).ClickAsync();
        await alice.Page.Locator("#invite-dialog").GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await bob.RoomItem(roomId).WaitForAsync();
        await bob.OpenRoomAsync(roomId);
        // Bob is a member, not the owner: no settings for him.
        await Assertions.Expect(bob.Page.Locator("#room-settings")).ToBeHiddenAsync();

        await alice.Page.ClickAsync("#room-settings");
        await alice.Page.FillAsync("#settings-name", $"Party {suffix}");
        await alice.Page.FillAsync("#settings-topic", "Saturday at eight");
        await alice.Page.CheckAsync("#settings-public");
        await alice.Page.ClickAsync("#settings-save");
        await Assertions.Expect(alice.Page.Locator("#settings-dialog")).ToBeHiddenAsync();

        await Assertions.Expect(bob.Page.Locator("#room-name")).ToHaveTextAsync($"Party {suffix}");
        await Assertions.Expect(bob.Page.Locator("#room-topic")).ToHaveTextAsync("Saturday at eight");
        await Assertions.Expect(bob.RoomItem(roomId).Locator(".room-hash")).ToHaveTextAsync("#");
        await using var carol = await ChatPage.OpenAsync(browser);
        await carol.JoinFromBrowseAsync(roomId);
        await Assertions.Expect(carol.Page.Locator("#room-name")).ToHaveTextAsync($"Party {suffix}");

        await alice.AssertNoConsoleErrorsAsync();
        await bob.AssertNoConsoleErrorsAsync();
        await carol.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task Owner_MakesAModerator_WhoThenMayInviteAndBanMembersButNotTheOwner()
    {
        await using var alice = await ChatPage.OpenAsync(browser);
        await using var bob = await ChatPage.OpenAsync(browser);
        var aliceName = await alice.NameAsync();
        var bobName = await bob.NameAsync();
        var carol = await browser.Host.NewSessionAsync();
        await using var carolClient = await browser.Host.ConnectAsync(carol.Token);
        var roomId = await alice.CreatePrivateRoomAsync($"Mods {Guid.NewGuid().ToString("N")[..6]}");
        await InviteAsync(alice, bobName);
        await InviteAsync(alice, carol.Name);
        await bob.RoomItem(roomId).WaitForAsync();
        await bob.OpenRoomAsync(roomId);

        // A member of a private room: no Invite, nothing but Message and Block in others' menus.
        await Assertions.Expect(bob.Page.Locator("#room-invite")).ToBeHiddenAsync();
        var menu = await bob.OpenMemberMenuAsync(carol.Name);
        await Assertions.Expect(menu.GetByRole(AriaRole.Button)).ToHaveTextAsync(["Message", "Block"]);
        await bob.Page.Keyboard.PressAsync("Escape");

        menu = await alice.OpenMemberMenuAsync(bobName);
        await menu.GetByRole(AriaRole.Button, new() { Name = "Make moderator" }).ClickAsync();
        await Assertions.Expect(bob.Member(bobName).Locator(".member-role")).ToHaveTextAsync("moderator");
        await Assertions.Expect(bob.Page.Locator("#room-invite")).ToBeVisibleAsync();

        // The moderator may remove a member, but not the owner; a ban takes a second click.
        menu = await bob.OpenMemberMenuAsync(aliceName);
        await Assertions.Expect(menu.GetByRole(AriaRole.Button)).ToHaveTextAsync(["Message", "Block"]);
        await bob.Page.Keyboard.PressAsync("Escape");
        menu = await bob.OpenMemberMenuAsync(carol.Name);
        await menu.GetByRole(AriaRole.Button, new() { Name = "Ban" }).ClickAsync();
        await Assertions.Expect(bob.Member(carol.Name)).ToBeVisibleAsync();
        await menu.GetByRole(AriaRole.Button, new() { Name = $"Ban {carol.Name} for good?" }).ClickAsync();
        await Assertions.Expect(bob.Member(carol.Name)).ToHaveCountAsync(0);
        await Assertions.Expect(alice.Member(carol.Name)).ToHaveCountAsync(0);

        // A banned person cannot be invited back: the dialog says why.
        await alice.Page.ClickAsync("#room-invite");
        await alice.Page.FillAsync("#invite-search", carol.Name);
        await alice.Page.Locator("#invite-results").GetByRole(AriaRole.Button, new() { Name = $"Invite {carol.Name}" }).ClickAsync();
        await Assertions.Expect(alice.Page.Locator("#invite-status")).ToHaveTextAsync("That person is banned from this room.");

        await alice.AssertNoConsoleErrorsAsync();
        await bob.AssertNoConsoleErrorsAsync();
    }

    private static async Task InviteAsync(ChatPage page, string name)
    {
        await page.Page.ClickAsync("#room-invite");
        await page.Page.FillAsync("#invite-search", name);
        var invite = page.Page.Locator("#invite-results").GetByRole(AriaRole.Button, new() { Name = $"Invite {name}" });
        await invite.ClickAsync();
        await Assertions.Expect(invite).ToHaveTextAsync("Invited");
        await page.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Member(name)).ToBeVisibleAsync();
    }

    private async Task<string> CreatePublicRoomAsync(string name)
    {
        var session = await browser.Host.NewSessionAsync();
        await using var client = await browser.Host.ConnectAsync(session.Token);
        return (await client.InvokeAsync<JoinResult>("CreateRoom", name)).Room.Id;
    }
}
