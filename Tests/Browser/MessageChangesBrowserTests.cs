using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// Messages people change (issue 13, docs/protocol.md §2 Edit … Receipts): the page applies edits, deletes, reactions
/// and pins; the action menu, reactions picker, replies with jump-to-original, the pinned list and "Seen by".
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class MessageChangesBrowserTests(BrowserFixture browser)
{
    public static TheoryData<bool> Sizes => new() { false, true };

    private static string Id() => Guid.NewGuid().ToString("N");

    private static ILocator MessageNode(ChatPage page, long seq) => page.Page.Locator($"#messages .message[data-seq='{seq}']");

    private static ILocator MessageNode(ChatPage page, string text) =>
        page.Page.Locator("#messages .message[data-seq]", new() { Has = page.Page.Locator(".text", new() { HasTextString = text }) });

    /// <summary>Bob's room (he owns it) with the messages he sent, opened by Alice's page from its address.</summary>
    private async Task<(ChatClient Bob, string Room, string BobName)> BobsRoomAsync(string prefix)
    {
        var bob = await ChatClient.ConnectAsync(browser.Host);
        var result = await bob.Connection.InvokeAsync<JoinResult>("CreateRoom", $"{prefix} {Id()[..6]}");
        return (bob, result.Room.Id, result.Members.Single(m => m.UserId == bob.UserId).Name);
    }

    private Task<ChatPage> OpenAtAsync(string room, bool phone = false) =>
        ChatPage.OpenAsync(browser, new Uri(browser.Host.BaseAddress, $"/#{room}"), phone ? LayoutBrowserTests.Phone() : LayoutBrowserTests.Desktop());

    private static Task<ILocator> OpenActionsAsync(ChatPage page, ILocator message, bool phone) => page.OpenMessageActionsAsync(message, phone);

    private static async Task<List<string>> MenuItemsAsync(ILocator menu) =>
        (await menu.GetByRole(AriaRole.Menuitem).AllTextContentsAsync()).Select(t => t.Trim()).ToList();

    [Fact]
    public async Task ChangesByOthers_ShowLive_AndAsTheyAreAfterAReload()
    {
        var (bob, room, bobName) = await BobsRoomAsync("Changes");
        await using var _ = bob;
        var first = await bob.SendAsync(room, "lunch at 12?");
        var second = await bob.SendAsync(room, "oops, wrong room");
        await using var alice = await OpenAtAsync(room);
        await alice.WaitForMessageAsync("oops, wrong room");

        await bob.Connection.InvokeAsync<PostResult>("Edit", room, Id(), first.Seq, "lunch at 1?");
        await bob.Connection.InvokeAsync<PostResult>("React", room, Id(), first.Seq, "👍", true);
        await bob.Connection.InvokeAsync<PostResult>("Pin", room, Id(), first.Seq, true);
        await bob.Connection.InvokeAsync<PostResult>("Delete", room, Id(), second.Seq);

        async Task AssertShownAsync()
        {
            var one = MessageNode(alice, first.Seq);
            await Assertions.Expect(one.Locator(".text")).ToHaveTextAsync("lunch at 1?");
            await Assertions.Expect(one.Locator(".edited")).ToHaveTextAsync("(edited)");
            await Assertions.Expect(one.Locator(".reaction")).ToHaveAttributeAsync("aria-label", $"👍 1: {bobName}");
            await Assertions.Expect(one.Locator(".reaction")).ToHaveTextAsync("👍1");
            await Assertions.Expect(one.Locator(".pin-mark")).ToBeVisibleAsync();
            await Assertions.Expect(MessageNode(alice, second.Seq).Locator(".text")).ToHaveTextAsync("message deleted");
            // The four change events are applied to the messages, not drawn as messages of their own.
            await Assertions.Expect(alice.Messages).ToHaveCountAsync(2);
        }

        await AssertShownAsync();
        await alice.Page.ReloadAsync();
        await alice.WaitReadyAsync();
        await AssertShownAsync();

        // Unpinning and removing the last reaction take the pin mark and the chip away.
        await bob.Connection.InvokeAsync<PostResult>("React", room, Id(), first.Seq, "👍", false);
        await bob.Connection.InvokeAsync<PostResult>("Pin", room, Id(), first.Seq, false);
        await Assertions.Expect(MessageNode(alice, first.Seq).Locator(".reaction")).ToHaveCountAsync(0);
        await Assertions.Expect(MessageNode(alice, first.Seq).Locator(".pin-mark")).ToHaveCountAsync(0);
        await alice.AssertNoConsoleErrorsAsync();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task ActionMenu_EditsInPlace_UpArrowEditsTheLast_DeletesAfterConfirming_Pins(bool phone)
    {
        await using var alice = await ChatPage.OpenAsync(browser, options: phone ? LayoutBrowserTests.Phone() : LayoutBrowserTests.Desktop());
        await using var bob = await ChatClient.ConnectAsync(browser.Host);
        var name = $"Menu {Id()[..6]}";
        if (phone) await alice.Page.ClickAsync("#open-rooms");
        await alice.CreateRoomAsync(name);
        await bob.JoinAsync(RoomIds.ToId(name));
        await bob.SendAsync(RoomIds.ToId(name), "from bob");
        await alice.WaitForMessageAsync("from bob");
        await alice.SendAsync("helo wrld");
        await alice.WaitForMessageAsync("helo wrld");

        var own = MessageNode(alice, long.Parse((await MessageNode(alice, "helo wrld").GetAttributeAsync("data-seq"))!));
        var menu = await OpenActionsAsync(alice, own, phone);
        Assert.Equal(["Reply", "React", "Edit", "Pin", "Copy text", "Delete"], await MenuItemsAsync(menu));
        await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Reply" })).ToBeFocusedAsync();
        await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(alice.Page, $"message menu, phone {phone}");

        // Edit in place: Enter saves.
        await menu.GetByRole(AriaRole.Menuitem, new() { Name = "Edit" }).ClickAsync();
        var editor = own.GetByRole(AriaRole.Textbox, new() { Name = "Edit your message" });
        await Assertions.Expect(editor).ToBeFocusedAsync();
        await editor.FillAsync("hello world");
        await editor.PressAsync("Enter");
        await Assertions.Expect(own.Locator(".text")).ToHaveTextAsync("hello world");
        await Assertions.Expect(own.Locator(".edited")).ToBeVisibleAsync();

        // Up-arrow in the empty composer edits the last own message; Escape cancels.
        await alice.Page.FocusAsync("#composer");
        await alice.Page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(editor).ToHaveValueAsync("hello world");
        await editor.FillAsync("not saved");
        await editor.PressAsync("Escape");
        await Assertions.Expect(editor).ToHaveCountAsync(0);
        await Assertions.Expect(own.Locator(".text")).ToHaveTextAsync("hello world");

        // As the room's owner: delete someone else's message (not edit it), after confirming.
        var bobs = MessageNode(alice, "from bob");
        menu = await OpenActionsAsync(alice, bobs, phone);
        Assert.Equal(["Reply", "React", "Pin", "Copy text", "Delete"], await MenuItemsAsync(menu));
        await menu.GetByRole(AriaRole.Menuitem, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(alice.Page.Locator("#delete-dialog")).ToBeVisibleAsync();
        await Assertions.Expect(alice.Page.Locator("#delete-preview")).ToHaveTextAsync("from bob");
        await alice.Page.ClickAsync("#delete-confirm");
        var deleted = alice.Page.Locator("#messages .message.deleted[data-seq]");
        await Assertions.Expect(deleted.Locator(".text")).ToHaveTextAsync("message deleted");
        await Assertions.Expect(deleted.Locator(".message-actions")).ToHaveCountAsync(0);

        // Pin.
        menu = await OpenActionsAsync(alice, own, phone);
        await menu.GetByRole(AriaRole.Menuitem, new() { Name = "Pin" }).ClickAsync();
        await Assertions.Expect(own.Locator(".pin-mark")).ToBeVisibleAsync();

        if (!phone)
        {
            // Keyboard: the ⋯ button is in the tab order; arrows move in the menu, Escape returns to the button.
            var button = own.Locator(".message-actions");
            await button.FocusAsync();
            await alice.Page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(alice.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Reply" })).ToBeFocusedAsync();
            await alice.Page.Keyboard.PressAsync("ArrowDown");
            await Assertions.Expect(alice.Page.GetByRole(AriaRole.Menuitem, new() { Name = "React" })).ToBeFocusedAsync();
            await alice.Page.Keyboard.PressAsync("End");
            await Assertions.Expect(alice.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete" })).ToBeFocusedAsync();
            await alice.Page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(alice.Page.Locator("#message-menu")).ToBeHiddenAsync();
            await Assertions.Expect(button).ToBeFocusedAsync();
        }
        Assert.True(await alice.FitsHorizontallyAsync());
        await alice.ScreenshotAsync($"message-menu-{(phone ? "phone" : "desktop")}");
        await alice.AssertNoConsoleErrorsAsync();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Reactions_FromThePicker_AndChipsToggle_WithTwoUsers(bool phone)
    {
        var (bob, room, bobName) = await BobsRoomAsync("React");
        await using var _ = bob;
        var pizza = await bob.SendAsync(room, "pizza tonight?");
        await using var alice = await OpenAtAsync(room, phone);
        await alice.WaitForMessageAsync("pizza tonight?");
        var message = MessageNode(alice, pizza.Seq);

        var menu = await OpenActionsAsync(alice, message, phone);
        await menu.GetByRole(AriaRole.Menuitem, new() { Name = "React" }).ClickAsync();
        var picker = alice.Page.Locator("#emoji-picker");
        await Assertions.Expect(picker).ToBeVisibleAsync();
        await Assertions.Expect(alice.Page.Locator("#emoji-search")).ToBeFocusedAsync();
        await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(alice.Page, $"emoji picker, phone {phone}");
        await alice.Page.FillAsync("#emoji-search", "party");
        await Assertions.Expect(picker.Locator(".emoji-choice")).ToHaveCountAsync(2);
        await picker.Locator(".emoji-choice[data-emoji='🎉']").ClickAsync();

        var chip = message.Locator(".reaction[data-emoji='🎉']");
        await Assertions.Expect(chip).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(chip).ToHaveAttributeAsync("aria-label", "🎉 1: you");

        await bob.Connection.InvokeAsync<PostResult>("React", room, Id(), pizza.Seq, "🎉", true);
        await Assertions.Expect(chip).ToHaveAttributeAsync("aria-label", $"🎉 2: you, {bobName}");
        await Assertions.Expect(chip).ToHaveTextAsync("🎉2");

        // Clicking the chip takes Alice's reaction back; clicking it again adds it.
        await chip.ClickAsync();
        await Assertions.Expect(chip).ToHaveAttributeAsync("aria-label", $"🎉 1: {bobName}");
        await Assertions.Expect(chip).ToHaveAttributeAsync("aria-pressed", "false");
        await chip.ClickAsync();
        await Assertions.Expect(chip).ToHaveAttributeAsync("aria-label", $"🎉 2: {bobName}, you");
        await alice.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task Reply_QuotesTheOriginal_AndJumpsToIt300MessagesBack()
    {
        var (bob, room, bobName) = await BobsRoomAsync("Reply");
        await using var _ = bob;
        var original = await bob.SendAsync(room, "the original question");
        for (var i = 0; i < 300; i++) await bob.SendAsync(room, $"filler {i}");
        await bob.Connection.InvokeAsync<PostResult>("Reply", room, Id(), original.Seq, "the answer");

        await using var alice = await OpenAtAsync(room);
        await alice.WaitForMessageAsync("the answer");
        var answer = MessageNode(alice, original.Seq + 301);
        var quote = answer.Locator(".quote");
        await Assertions.Expect(quote).ToContainTextAsync(bobName);
        await Assertions.Expect(quote).ToContainTextAsync("the original question");
        await Assertions.Expect(MessageNode(alice, original.Seq)).ToHaveCountAsync(0);

        await quote.ClickAsync();
        var shown = MessageNode(alice, original.Seq);
        await Assertions.Expect(shown).ToBeInViewportAsync();
        await Assertions.Expect(shown).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bhighlight\b"));

        // Replying from the page: the composer says to what, the sent reply quotes it, edits of the original show.
        var menu = await OpenActionsAsync(alice, answer, phone: false);
        await menu.GetByRole(AriaRole.Menuitem, new() { Name = "Reply" }).ClickAsync();
        await Assertions.Expect(alice.Page.Locator("#reply-bar")).ToBeVisibleAsync();
        await Assertions.Expect(alice.Page.Locator("#reply-text")).ToHaveTextAsync($"Replying to {bobName}: the answer");
        await Assertions.Expect(alice.Page.Locator("#composer")).ToBeFocusedAsync();
        await alice.SendAsync("thanks!");
        await Assertions.Expect(alice.Page.Locator("#reply-bar")).ToBeHiddenAsync();
        var thanks = MessageNode(alice, "thanks!");
        await Assertions.Expect(thanks.Locator(".quote")).ToContainTextAsync("the answer");

        var answerSeq = original.Seq + 301;
        await bob.Connection.InvokeAsync<PostResult>("Edit", room, Id(), answerSeq, "the better answer");
        await Assertions.Expect(thanks.Locator(".quote")).ToContainTextAsync("the better answer");
        await bob.Connection.InvokeAsync<PostResult>("Delete", room, Id(), answerSeq);
        await Assertions.Expect(thanks.Locator(".quote")).ToContainTextAsync("message deleted");

        // A reply can be cancelled.
        menu = await OpenActionsAsync(alice, thanks, phone: false);
        await menu.GetByRole(AriaRole.Menuitem, new() { Name = "Reply" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel the reply" }).ClickAsync();
        await Assertions.Expect(alice.Page.Locator("#reply-bar")).ToBeHiddenAsync();
        await alice.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task BanFromTheMemberMenu_CanDeleteTheirRecentMessages()
    {
        await using var alice = await ChatPage.OpenAsync(browser, options: LayoutBrowserTests.Desktop());
        var room = RoomIds.ToId($"Spam {Id()[..6]}");
        await alice.CreateRoomAsync(room);
        await using var spammer = await ChatClient.ConnectAsync(browser.Host);
        var joined = await spammer.JoinAsync(room);
        var spammerName = joined.Members.Single(m => m.UserId == spammer.UserId).Name;
        var first = await spammer.SendAsync(room, "buy cheap watches");
        var second = await spammer.SendAsync(room, "buy cheap watches now");
        await alice.SendAsync("this one stays");
        await alice.WaitForMessageAsync("buy cheap watches now");

        var menu = await alice.OpenMemberMenuAsync(spammerName);
        await menu.GetByRole(AriaRole.Button, new() { Name = "Ban" }).ClickAsync();
        await menu.GetByLabel("Also delete their messages").SelectOptionAsync("24");
        await menu.GetByRole(AriaRole.Button, new() { Name = $"Ban {spammerName} for good?" }).ClickAsync();

        await Assertions.Expect(alice.Toast($"{spammerName} is banned; 2 of their messages deleted.")).ToBeVisibleAsync();
        await Assertions.Expect(alice.Member(spammerName)).ToHaveCountAsync(0);
        await Assertions.Expect(MessageNode(alice, first.Seq).Locator(".text")).ToHaveTextAsync("message deleted");
        await Assertions.Expect(MessageNode(alice, second.Seq).Locator(".text")).ToHaveTextAsync("message deleted");
        await Assertions.Expect(MessageNode(alice, "this one stays")).ToBeVisibleAsync();
        await alice.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task PinnedPanel_ListsThePins_AndShowsOneFarBack()
    {
        var (bob, room, _) = await BobsRoomAsync("Pins");
        await using var __ = bob;
        var rules = await bob.SendAsync(room, "rules: be nice");
        for (var i = 0; i < 80; i++) await bob.SendAsync(room, $"chatter {i}");
        await bob.Connection.InvokeAsync<PostResult>("Pin", room, Id(), rules.Seq, true);

        await using var alice = await OpenAtAsync(room);
        await alice.WaitForMessageAsync("chatter 79");
        await alice.Page.ClickAsync("#room-pinned");
        var dialog = alice.Page.Locator("#pinned-dialog");
        await Assertions.Expect(dialog.Locator(".pinned-item")).ToHaveCountAsync(1);
        await Assertions.Expect(dialog.Locator(".pinned-text")).ToHaveTextAsync("rules: be nice");
        await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(alice.Page, "pinned dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Show the message" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(MessageNode(alice, rules.Seq)).ToBeInViewportAsync();
        await Assertions.Expect(MessageNode(alice, rules.Seq).Locator(".pin-mark")).ToBeVisibleAsync();
        await alice.AssertNoConsoleErrorsAsync();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task SeenBy_InADirectConversation_AndTheSettingToStopSendingReceipts(bool phone)
    {
        await using var alice = await ChatPage.OpenAsync(browser, options: phone ? LayoutBrowserTests.Phone() : LayoutBrowserTests.Desktop());
        await using var bob = await ChatClient.ConnectAsync(browser.Host);
        var token = await alice.Page.EvaluateAsync<string>("() => localStorage.getItem('orleanschat.token')");
        var dm = (await bob.Connection.InvokeAsync<JoinResult>("OpenDirect", Guid.Parse(token.Split('.')[1]))).Room.Id;
        await bob.SendAsync(dm, "hi there");
        if (phone) await alice.Page.ClickAsync("#open-rooms");
        await alice.RoomItem(dm).ClickAsync();
        await alice.WaitForMessageAsync("hi there");
        await alice.SendAsync("are you there?");
        await alice.WaitForMessageAsync("are you there?");
        var mine = MessageNode(alice, "are you there?");
        await Assertions.Expect(mine.Locator(".seen-by")).ToHaveCountAsync(0);

        var seq = long.Parse((await mine.GetAttributeAsync("data-seq"))!);
        await bob.Connection.InvokeAsync("MarkRead", dm, seq);
        await Assertions.Expect(mine.Locator(".seen-by")).ToHaveTextAsync("Seen");
        await Assertions.Expect(alice.Page.Locator("#messages .seen-by")).ToHaveCountAsync(1);

        // After a reload the page asks Receipts.
        await alice.Page.ReloadAsync();
        await alice.WaitReadyAsync();
        await Assertions.Expect(MessageNode(alice, seq).Locator(".seen-by")).ToHaveTextAsync("Seen");

        // The profile menu's setting turns the user's own receipts off (kept by the server: Hello says so).
        await alice.ProfileMenuAsync("Send read receipts");
        await Assertions.Expect(alice.Page.Locator("#profile-receipts")).ToHaveAttributeAsync("aria-pressed", "false");
        await alice.Page.ReloadAsync();
        await alice.WaitReadyAsync();
        await Assertions.Expect(alice.Page.Locator("#profile-receipts")).ToHaveAttributeAsync("aria-pressed", "false");
        await alice.AssertNoConsoleErrorsAsync();
    }
}
