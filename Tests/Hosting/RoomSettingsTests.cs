using Microsoft.Extensions.Options;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Hosting;

/// <summary>Out-of-range <c>Chat:Rooms</c> settings stop the process at start-up, naming the setting.</summary>
public sealed class RoomSettingsTests
{
    [Fact]
    public void InactiveMemberExpiry_OfMinutes_IsRefusedAtStartUp()
    {
        using var data = new TempDirectory("orleanschat-settings");

        var refused = Assert.ThrowsAny<Exception>(() => new GatewayHost(data.Path, new Dictionary<string, string>
        {
            ["Chat:Rooms:InactiveMemberExpiry"] = "00:30",
        }));

        var validation = Assert.IsType<OptionsValidationException>(refused.GetBaseException());
        Assert.Contains("Chat:Rooms:InactiveMemberExpiry", validation.Message);
    }
}
