using System.Text.Json;

namespace OrleansChat.Tests.Hosting;

/// <summary>The gateway's GC settings that memory per connection was measured with (docs/benchmarks.md, "Session 7").</summary>
public sealed class GatewayGcSettingsTests
{
    [Fact]
    public void Gateway_RunsWorkstationGc_ThatConservesMemory()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "OrleansChat.WebGateway.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(9, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
    }
}
