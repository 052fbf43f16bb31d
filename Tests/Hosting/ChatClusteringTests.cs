using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansChat.Grains.Hosting;

namespace OrleansChat.Tests.Hosting;

/// <summary>The cluster settings a silo ends up with, from configuration as the Silo program reads it (host built, not started).</summary>
public sealed class ChatClusteringTests
{
    [Fact]
    public void ClusterMode_TunesFailureDetectionToSeconds()
    {
        using var host = BuildSilo(new Dictionary<string, string?>());

        var membership = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(1), membership.ProbeTimeout);
        Assert.Equal(3, membership.NumMissedProbesLimit);
        Assert.Equal(TimeSpan.FromSeconds(5), membership.TableRefreshTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), host.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout);
        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal("test-cluster", cluster.ClusterId);
        Assert.Equal("test-service", cluster.ServiceId);
    }

    [Fact]
    public void ClusterMode_MembershipSettingsFromConfiguration_WinOverTheBuiltInTuning()
    {
        using var host = BuildSilo(new Dictionary<string, string?>
        {
            ["Orleans:Membership:ProbeTimeout"] = "00:00:07",
            ["Orleans:ResponseTimeout"] = "00:00:12",
        });

        Assert.Equal(TimeSpan.FromSeconds(7), host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.ProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(12), host.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout);
    }

    [Fact]
    public void ClusterMode_KeepsTheDirectoryCache_ASiloOnItsOwnDoesNot()
    {
        using var cluster = BuildSilo(new Dictionary<string, string?>());
        using var alone = BuildSilo(new Dictionary<string, string?>
        {
            ["Chat:Storage:Provider"] = "Sqlite",
            ["Chat:Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), $"orleanschat-clustering-{Guid.NewGuid():N}.db"),
        });

        Assert.Equal(GrainDirectoryOptions.CachingStrategyType.LRU,
            cluster.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CachingStrategy);
        Assert.Equal(ChatSiloBuilderExtensions.DirectoryCacheSize,
            cluster.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize);
        Assert.Equal(GrainDirectoryOptions.CachingStrategyType.None,
            alone.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CachingStrategy);
    }

    [Fact]
    public void PostgresWithoutConnectionString_FailsWithAReadableMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BuildSilo(new Dictionary<string, string?> { ["ConnectionStrings:Chat"] = null }));

        Assert.Contains("ConnectionStrings:Chat", error.Message);
    }

    private static IHost BuildSilo(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        var configuration = new Dictionary<string, string?>
        {
            ["Chat:Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Chat"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none",
            ["Orleans:ClusterId"] = "test-cluster",
            ["Orleans:ServiceId"] = "test-service",
        };
        foreach (var (key, value) in settings) configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        var storage = ChatHostConfiguration.Storage(builder.Configuration);
        var cluster = ChatHostConfiguration.Cluster(builder.Configuration);
        builder.UseOrleans(silo => silo.UseChatClustering(storage, cluster).AddOrleansChat(storage));
        ChatHostConfiguration.BindMembershipOverrides(builder.Services, builder.Configuration);
        return builder.Build();
    }
}
