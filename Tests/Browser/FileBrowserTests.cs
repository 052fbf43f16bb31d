using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// Sharing files in the page: a pasted screenshot shows as a thumbnail sized for a phone (the original is fetched only
/// when opened), a dropped PDF as a card that downloads, and a refused file says why.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class FileBrowserTests(BrowserFixture browser)
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
    };

    // A screenshot as the clipboard holds one: a PNG named image.png, drawn by the page's own canvas.
    private const string PasteScreenshot = """
        async ([width, height]) => {
          const canvas = Object.assign(document.createElement('canvas'), { width, height });
          const g = canvas.getContext('2d');
          g.fillStyle = '#3366cc';
          g.fillRect(0, 0, width, height);
          g.fillStyle = '#ffcc00';
          g.fillRect(width / 4, height / 4, width / 2, height / 2);
          const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
          const data = new DataTransfer();
          data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
          document.getElementById('composer').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }
        """;

    private const string DropFile = """
        ([name, type, text]) => {
          const data = new DataTransfer();
          data.items.add(new File([text], name, { type }));
          const target = document.getElementById('messages');
          for (const kind of ['dragenter', 'dragover', 'drop']) {
            target.dispatchEvent(new DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true }));
          }
        }
        """;

    [Fact]
    public async Task PastedScreenshot_OnAPhone_ShowsAThumbnailThatFits_AndTheOriginalOnlyWhenOpened()
    {
        await using var page = await ChatPage.OpenAsync(browser, options: Phone);
        await page.Page.TapAsync("#open-rooms");
        await page.CreateRoomAsync($"Shots {Guid.NewGuid().ToString("N")[..6]}");
        var fetched = new List<string>();
        page.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/files/", StringComparison.Ordinal)) fetched.Add(new Uri(request.Url).AbsolutePath);
        };

        await page.Page.EvaluateAsync(PasteScreenshot, new[] { 1600, 1200 });

        var thumb = page.Page.Locator("#messages .message[data-seq] .file-thumb");
        await Assertions.Expect(thumb).ToHaveJSPropertyAsync("naturalWidth", 480);
        await Assertions.Expect(thumb).ToHaveAttributeAsync("alt", new System.Text.RegularExpressions.Regex("^screenshot-.*\\.png$"));
        var box = (await thumb.BoundingBoxAsync())!;
        Assert.InRange(box.Width, 100, 390);
        Assert.InRange(box.Height / box.Width, 0.74, 0.76);
        Assert.True(await page.FitsHorizontallyAsync());
        Assert.Equal([true], fetched.Select(path => path.EndsWith("/thumb", StringComparison.Ordinal)).Distinct());
        await page.ScreenshotAsync("phone-file-thumbnail");

        await thumb.ClickAsync();

        var full = page.Page.Locator("#image-dialog[open] #image-full");
        await Assertions.Expect(full).ToHaveJSPropertyAsync("naturalWidth", 1600);
        Assert.Contains(fetched, path => !path.EndsWith("/thumb", StringComparison.Ordinal));
        await page.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task DroppedPdf_ShowsACardWithNameAndSize_AndDownloadsWithItsName()
    {
        await using var page = await ChatPage.OpenAsync(browser);
        await page.CreateRoomAsync($"Slides {Guid.NewGuid().ToString("N")[..6]}");
        var pdf = "%PDF-1.4\n% lecture notes\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

        await page.Page.EvaluateAsync(DropFile, new[] { "Lecture 4.pdf", "application/pdf", pdf });

        var card = page.Page.Locator("#messages .message[data-seq] .file-card");
        await Assertions.Expect(card.Locator(".file-name")).ToHaveTextAsync("Lecture 4.pdf");
        await Assertions.Expect(card.Locator(".file-size")).ToHaveTextAsync($"{pdf.Length} bytes");
        await Assertions.Expect(page.Page.Locator("#uploads")).ToBeHiddenAsync();
        await page.ScreenshotAsync("file-card");
        var download = await page.Page.RunAndWaitForDownloadAsync(() =>
            card.GetByRole(AriaRole.Button, new() { Name = "Download Lecture 4.pdf" }).ClickAsync());
        Assert.Equal("Lecture 4.pdf", download.SuggestedFilename);
        Assert.Equal(pdf, await File.ReadAllTextAsync((await download.PathAsync())!));

        // A file shared without words gets some by an edit, above the file.
        var message = page.Page.Locator("#messages .message[data-seq]", new() { Has = page.Page.Locator(".file-card") });
        await message.HoverAsync();
        await message.Locator(".message-actions").ClickAsync();
        await page.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Edit" }).ClickAsync();
        var editor = message.GetByRole(AriaRole.Textbox, new() { Name = "Edit your message" });
        await editor.FillAsync("slides for Thursday");
        await editor.PressAsync("Enter");
        await Assertions.Expect(message.Locator(".text")).ToHaveTextAsync("slides for Thursday");
        await Assertions.Expect(message.Locator(".file-card .file-name")).ToHaveTextAsync("Lecture 4.pdf");
        await page.AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task MistypedFile_IsRefused_WithTheReasonInTheUploadList()
    {
        await using var page = await ChatPage.OpenAsync(browser);
        await page.CreateRoomAsync($"Fakes {Guid.NewGuid().ToString("N")[..6]}");

        await page.Page.EvaluateAsync(DropFile, new[] { "cat.png", "image/png", "<html><script>alert(1)</script></html>" });

        var failed = page.Page.Locator("#uploads .upload.failed");
        await Assertions.Expect(failed.Locator(".upload-status")).ToHaveTextAsync("The file is not a PNG image: its content does not match its type.");
        await failed.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#uploads")).ToBeHiddenAsync();
        Assert.Equal(0, await page.Messages.CountAsync());
        // The refused upload's 415 is the one console error the page causes.
        page.ForgetErrors(error => error.Contains("415", StringComparison.Ordinal));
        await page.AssertNoConsoleErrorsAsync();
    }
}
