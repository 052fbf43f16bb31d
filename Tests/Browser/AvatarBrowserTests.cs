using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// A user chooses a picture in "Change picture…"; another user's open page shows it beside the uploader's messages and
/// in the member list at once, and the generated avatar again after "Remove picture". Desktop and phone, light and
/// dark, with axe-core finding no serious problem in the dialog.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AvatarBrowserTests(BrowserFixture browser)
{
    public static TheoryData<string, bool, ColorScheme> Layouts => new()
    {
        { "desktop-light", false, ColorScheme.Light },
        { "phone-dark", true, ColorScheme.Dark },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task AnUploadedPicture_ShowsOnAnotherPage_BesideMessagesAndInTheMemberList_UntilRemoved(string name, bool phone, ColorScheme scheme)
    {
        var options = phone ? LayoutBrowserTests.Phone(scheme) : LayoutBrowserTests.Desktop(scheme);
        await using var alice = await ChatPage.OpenAsync(browser, options: options);
        await using var bob = await ChatPage.OpenAsync(browser, options: options);
        var roomName = $"Faces {Guid.NewGuid().ToString("N")[..6]}";
        var room = RoomIds.ToId(roomName);
        if (phone) await alice.Page.ClickAsync("#open-rooms");
        await alice.CreateRoomAsync(roomName);
        await alice.SendAsync("a face soon");
        if (phone) await bob.Page.ClickAsync("#open-rooms");
        await bob.JoinFromBrowseAsync(room);
        await bob.WaitForMessageAsync("a face soon");
        var aliceId = (await alice.Page.Locator("#messages .message.mine").First.GetAttributeAsync("data-author-id"))!;
        var besideMessage = bob.Page.Locator($"#messages .message[data-author-id='{aliceId}'] .avatar img.avatar-picture");
        var inMembers = bob.Page.Locator($"#members li[data-user-id='{aliceId}'] .avatar img.avatar-picture");
        await Assertions.Expect(besideMessage).ToHaveCountAsync(0);

        await alice.ProfileMenuAsync("Change picture…");
        var dialog = alice.Page.Locator("#picture-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(alice.Page.Locator("#picture-remove")).ToBeHiddenAsync();
        await alice.Page.Locator("#picture-input").SetInputFilesAsync(new FilePayload
        {
            Name = "me.png",
            MimeType = "image/png",
            Buffer = FileRequests.Png(600, 400),
        });
        await Assertions.Expect(alice.Page.Locator("#picture-preview img.avatar-picture")).ToBeVisibleAsync();
        await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(alice.Page, $"{name}, picture dialog with a preview");
        await alice.Page.ClickAsync("#picture-save");
        await Assertions.Expect(alice.Page.Locator("#picture-status")).ToHaveTextAsync("Your picture is saved.");
        await Assertions.Expect(alice.Page.Locator("#picture-remove")).ToBeVisibleAsync();

        await Assertions.Expect(besideMessage).ToHaveCountAsync(1);
        await Assertions.Expect(inMembers).ToHaveCountAsync(1);
        await besideMessage.EvaluateAsync("img => img.decode()");
        Assert.Equal(128, await besideMessage.EvaluateAsync<int>("img => img.naturalWidth"));
        Assert.StartsWith("blob:", await besideMessage.GetAttributeAsync("src"), StringComparison.Ordinal);
        await bob.Page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"avatar-{name}.png") });
        await AccessibilityBrowserTests.AssertNoSeriousViolationsAsync(bob.Page, $"{name}, a page showing a picture");

        // A page opened afterwards shows it too (the member list carries the picture's version).
        await bob.Page.ReloadAsync();
        await bob.WaitReadyAsync();
        await Assertions.Expect(besideMessage).ToHaveCountAsync(1);

        await alice.Page.ClickAsync("#picture-remove");
        await Assertions.Expect(alice.Page.Locator("#picture-status")).ToHaveTextAsync("Your picture is removed.");
        await Assertions.Expect(besideMessage).ToHaveCountAsync(0);
        await Assertions.Expect(inMembers).ToHaveCountAsync(0);
        var initials = (await alice.Page.Locator("#messages .message.mine .avatar").First.TextContentAsync())!;
        await Assertions.Expect(bob.Page.Locator($"#messages .message[data-author-id='{aliceId}'] .avatar")).ToHaveTextAsync(initials);
        await alice.AssertNoConsoleErrorsAsync();
        await bob.AssertNoConsoleErrorsAsync();
    }
}
