using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Users;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans cluster of two silos with the real chat configuration (<see cref="ChatSiloBuilderExtensions"/>)
/// on a real SQLite file in a temp directory.
/// </summary>
public sealed class ChatCluster : IAsyncLifetime
{
    private readonly TempDirectory _data = new("orleanschat-cluster");
    private readonly Action<RoomOptions>? _rooms;

    public ChatCluster()
    {
    }

    private ChatCluster(Action<RoomOptions> rooms, FakeTimeProvider? time)
    {
        _rooms = rooms;
        Time = time;
    }

    /// <summary>
    /// A cluster whose rooms use other settings than the defaults (not a shared fixture); with <paramref name="time"/>,
    /// its grains (their <see cref="TimeProvider"/> and their grain timers) run on that fake clock, while Orleans' own
    /// background loops (membership, messaging, directory) stay on real time so the cluster keeps working.
    /// </summary>
    public static ChatCluster WithRoomOptions(Action<RoomOptions> rooms, FakeTimeProvider? time = null) => new(rooms, time);

    /// <summary>The grains' clock when the cluster was made with one; null when they run on real time.</summary>
    public FakeTimeProvider? Time { get; }

    /// <summary>The one site administrator (<see cref="AdminOptions"/>) of every test cluster.</summary>
    public static readonly Guid AdminId = new("0a0a0a0a-0000-4000-8000-00000000ad01");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public string DatabasePath => _data.File("chat.db");

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        // Grain tests post thousands of messages as fast as they can: the send rate limit has tests of its own.
        builder.ConfigureSilo((_, silo) => silo.AddOrleansChat(new ChatStorageOptions { SqlitePath = DatabasePath }, rooms =>
        {
            rooms.SendBurst = 1_000_000;
            rooms.ReservedNames = ["Announcements"];
            _rooms?.Invoke(rooms);
        }).Services
            .Configure<AdminOptions>(admins => admins.Admins.Add(AdminId))
            // Grain tests post thousands of messages of one user: the budget over all rooms has tests of its own.
            .Configure<UserLimitOptions>(users => users.SendBurst = 1_000_000));
        if (Time is not null)
        {
            builder.ConfigureSilo((_, silo) => silo.Services
                .AddSingleton<TimeProvider>(Time)
                .UseTimeProviderForBackgroundAreas(TimeProvider.System));
        }
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>A new user, created as the gateway creates one (a generated name, in no room yet).</summary>
    public async Task<UserProfile> NewUserAsync()
    {
        var id = Guid.NewGuid();
        return await Client.GetGrain<IUserGrain>(id).EnsureProfile();
    }

    /// <summary>A new room with a unique name, created by <paramref name="owner"/>.</summary>
    public async Task<string> NewRoomAsync(Guid owner, string prefix = "room", bool isPrivate = false)
    {
        var result = await Client.GetGrain<IUserGrain>(owner).CreateRoom($"{prefix} {Guid.NewGuid().ToString("N")[..12]}", isPrivate);
        return result.Room.Id;
    }

    public IRoomGrain Room(string id) => Client.GetGrain<IRoomGrain>(id);

    public IUserGrain User(Guid id) => Client.GetGrain<IUserGrain>(id);
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ChatCluster>
{
    public const string Name = "cluster";
}
