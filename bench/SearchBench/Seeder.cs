using OrleansChat.Grains.Storage;

namespace OrleansChat.Bench.Search;

/// <summary>Fills a store with messages, round-robin over the rooms, many rooms' appends in flight at once (as a busy silo would).</summary>
public static class Seeder
{
    private const int PerAppend = 100;

    public static string RoomId(int index) => $"room-{index:D5}";

    public static async Task SeedAsync(IRoomEventStore store, MessageText text, BenchOptions options)
    {
        var perRoom = options.Messages / options.Rooms;
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        var authors = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();
        var step = TimeSpan.FromDays(30) / Math.Max(1, options.Messages);
        long written = 0;
        for (var first = 1; first <= perRoom; first += PerAppend)
        {
            var count = Math.Min(PerAppend, perRoom - first + 1);
            var appends = new List<Task<AppendOutcome>>(options.Rooms);
            for (var room = 0; room < options.Rooms; room++)
            {
                var events = new RoomEvent[count];
                for (var i = 0; i < count; i++)
                {
                    var seq = first + i;
                    var author = authors[(room + seq) % authors.Length];
                    var at = start + step * (written + (long)i * options.Rooms + room);
                    events[i] = new RoomEvent(seq, RoomEventKinds.Message, author, "Author", $"c{seq}", text.Next(), null, at);
                }
                appends.Add(store.AppendAsync(RoomId(room), events));
            }
            foreach (var outcome in await Task.WhenAll(appends))
            {
                if (outcome != AppendOutcome.Stored) throw new InvalidOperationException("A seed append conflicted: use an empty store.");
            }
            written += (long)count * options.Rooms;
            if (first % 1000 == 1) Console.Error.WriteLine($"  {written:N0} messages");
        }
    }
}
