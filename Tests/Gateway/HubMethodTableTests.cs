using OrleansChat.Tests.Infrastructure;
using System.Reflection;
using System.Text.RegularExpressions;
using OrleansChat.WebGateway.Hubs;

namespace OrleansChat.Tests.Gateway;

/// <summary>The page's table of hub method names (<c>wwwroot/js/methods.js</c>) against the hub itself.</summary>
public sealed partial class HubMethodTableTests
{
    [Fact]
    public void EveryNameInThePagesTable_IsAPublicHubMethod_AndTheTableIsTheOnlyPlaceTheyAreWritten()
    {
        var wwwroot = Path.Combine(Repository.Root, "WebGateway", "wwwroot");
        var table = TableEntry().Matches(File.ReadAllText(Path.Combine(wwwroot, "js", "methods.js")))
            .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["name"].Value);
        var hubMethods = typeof(ChatHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name).ToHashSet();

        Assert.NotEmpty(table);
        Assert.All(table, entry =>
        {
            Assert.Equal(entry.Key, entry.Value);
            Assert.Contains(entry.Value, hubMethods);
        });
        // No module invokes a method by a literal name.
        var scripts = Directory.GetFiles(Path.Combine(wwwroot, "js"), "*.js").Append(Path.Combine(wwwroot, "app.js"));
        Assert.All(scripts, file => Assert.DoesNotMatch(LiteralInvocation(), File.ReadAllText(file)));
    }

    [Fact]
    public void ThePagesPacing_RecognisesTheRoomsRefusalForSpeed_ByItsExactWords()
    {
        var outbox = File.ReadAllText(Path.Combine(Repository.Root, "WebGateway", "wwwroot", "js", "outbox.js"));
        Assert.Contains($"export const TOO_FAST = '{ChatException.SendingTooFastMessage}';", outbox);
    }

    [GeneratedRegex(@"^\s*(?<key>\w+): '(?<name>\w+)',", RegexOptions.Multiline)]
    private static partial Regex TableEntry();

    [GeneratedRegex(@"invoke\(\s*'")]
    private static partial Regex LiteralInvocation();
}
