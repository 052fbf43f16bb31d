using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>Blocking from the member menu: the blocked user's messages are shown collapsed, before and after the block.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BlockBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task BlockedUsersMessages_AreCollapsed_AndShownAgainAfterUnblocking()
    {
        await using var alice = await ChatPage.OpenAsync(browser);
        await using var bob = await ChatClient.ConnectAsync(browser.Host);
        var name = $"Block {Guid.NewGuid().ToString("N")[..6]}";
        var room = RoomIds.ToId(name);
        await alice.CreateRoomAsync(name);
        var bobName = (await bob.JoinAsync(room)).Members.Single(m => m.UserId == bob.UserId).Name;
        await bob.SendAsync(room, "before the block");
        await alice.WaitForMessageAsync("before the block");

        var menu = await alice.OpenMemberMenuAsync(bobName);
        await menu.GetByRole(AriaRole.Button, new() { Name = "Block" }).ClickAsync();
        var collapsed = alice.Page.Locator("#messages .message.blocked[data-seq]");
        await Assertions.Expect(collapsed).ToHaveCountAsync(1);
        await Assertions.Expect(collapsed.Locator("summary")).ToHaveTextAsync("Message from a blocked user");
        await Assertions.Expect(alice.Message("before the block")).ToBeHiddenAsync();

        // The events still arrive in the room's sequence; they are only folded away.
        await bob.SendAsync(room, "after the block");
        await Assertions.Expect(collapsed).ToHaveCountAsync(2);
        await Assertions.Expect(alice.Message("after the block")).ToBeHiddenAsync();
        Assert.Equal([(2L, "before the block"), (3L, "after the block")], await alice.ShownAsync()); // 1: Bob's join

        // Opening one shows it; a reload keeps the block (Hello brings the list).
        await collapsed.Last.Locator("summary").ClickAsync();
        await Assertions.Expect(alice.Message("after the block")).ToBeVisibleAsync();
        await alice.Page.ReloadAsync();
        await alice.WaitReadyAsync();
        await Assertions.Expect(alice.Page.Locator("#messages .message.blocked[data-seq]")).ToHaveCountAsync(2);

        menu = await alice.OpenMemberMenuAsync(bobName);
        await menu.GetByRole(AriaRole.Button, new() { Name = "Unblock" }).ClickAsync();
        await Assertions.Expect(alice.Page.Locator("#messages .message.blocked")).ToHaveCountAsync(0);
        await Assertions.Expect(alice.Message("before the block")).ToBeVisibleAsync();
        await alice.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task HiddenConversation_LeavesTheList_AndANewMessageBringsItBack()
    {
        await using var alice = await ChatPage.OpenAsync(browser);
        await using var bob = await ChatClient.ConnectAsync(browser.Host);
        // The token is v2.<userId>.…: Alice's user id, to start a conversation with her.
        var token = await alice.Page.EvaluateAsync<string>("() => localStorage.getItem('orleanschat.token')");
        var dm = (await bob.Connection.InvokeAsync<JoinResult>("OpenDirect", Guid.Parse(token.Split('.')[1]))).Room.Id;
        await bob.SendAsync(dm, "hello");
        await alice.RoomItem(dm).ClickAsync();
        await alice.WaitForMessageAsync("hello");

        await alice.Page.ClickAsync("#room-hide");
        await Assertions.Expect(alice.RoomItem(dm)).ToHaveCountAsync(0);
        await alice.Page.Locator("body[data-room='lobby']").WaitForAsync();

        await bob.SendAsync(dm, "are you there?");
        await Assertions.Expect(alice.RoomItem(dm).Locator(".badge")).ToHaveTextAsync("1");
        await alice.AssertNoConsoleErrorsAsync();
    }
}
