using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansChat;
using OrleansChat.Bench.Search;
using OrleansChat.Grains.Storage;

// Message search benchmark: seeds MESSAGES messages in ROOMS rooms straight into a store (through its group commit),
// then times word searches of a user in MEMBER_ROOMS rooms, and reports the sizes of the table and the index.
//   dotnet OrleansChat.SearchBench.dll --store sqlite --path /tmp/x.db [--messages 1000000 --rooms 1000 --member-rooms 50 --queries 300]
//   dotnet OrleansChat.SearchBench.dll --store postgres --connection "Host=...;Database=..."
var options = BenchOptions.Parse(args);
var text = new MessageText(options.Seed);
var schema = options.Store == "postgres" ? PostgresSchema.EnsureSchemaAsync(options.Connection!) : Task.CompletedTask;
await schema;
SqliteDatabase? sqlite = options.Store == "sqlite" ? new SqliteDatabase(options.Path!) : null;
IRoomEventStore store = sqlite is not null
    ? new SqliteRoomEventStore(sqlite, NullLogger<SqliteRoomEventStore>.Instance)
    : new PostgresRoomEventStore(options.Connection!, NullLogger<PostgresRoomEventStore>.Instance);

var seeding = Stopwatch.StartNew();
await Seeder.SeedAsync(store, text, options);
seeding.Stop();
Console.Error.WriteLine($"seeded {options.Messages:N0} messages in {seeding.Elapsed.TotalSeconds:0.0} s");
if (options.Store == "postgres")
{
    // The planner needs statistics of the new rows, as autovacuum would gather soon after such a load.
    await using var analyze = new NpgsqlCommand("VACUUM ANALYZE room_events", new NpgsqlConnection(options.Connection));
    await analyze.Connection!.OpenAsync();
    analyze.CommandTimeout = 0;
    await analyze.ExecuteNonQueryAsync();
}

var random = new Random(options.Seed + 1);
var member = Enumerable.Range(0, options.Rooms).OrderBy(_ => random.Next()).Take(options.MemberRooms).Select(Seeder.RoomId).ToList();
var results = new List<object>();
foreach (var (band, words) in text.QueryBands())
{
    var times = new List<double>();
    var hits = new List<int>();
    for (var i = 0; i < options.Queries + options.Warmup; i++)
    {
        var word = words[random.Next(words.Count)];
        var search = new MessageSearch(member, [word], [], null, null, null, null, 20, TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var found = await store.SearchAsync(search);
        clock.Stop();
        if (i < options.Warmup) continue;
        times.Add(clock.Elapsed.TotalMilliseconds);
        hits.Add(found.Count);
    }
    times.Sort();
    results.Add(new
    {
        band,
        queries = times.Count,
        p50 = Percentile(times, 0.50),
        p95 = Percentile(times, 0.95),
        max = times[^1],
        meanHits = hits.Average(),
    });
}

var sizes = sqlite is not null ? await Sizes.SqliteAsync(sqlite) : await Sizes.PostgresAsync(options.Connection!);
Console.WriteLine(JsonSerializer.Serialize(new
{
    scenario = "search",
    store = options.Store,
    options.Messages,
    options.Rooms,
    options.MemberRooms,
    seedSeconds = Math.Round(seeding.Elapsed.TotalSeconds, 1),
    sizes,
    bands = results,
}));
await ((IAsyncDisposable)store).DisposeAsync();
sqlite?.Dispose();
return 0;

static double Percentile(List<double> sorted, double p) =>
    Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], 2);
