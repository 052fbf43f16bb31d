namespace OrleansChat.Bench.Search;

/// <summary>The command line of the search benchmark.</summary>
public sealed record BenchOptions(string Store, string? Path, string? Connection, int Messages, int Rooms, int MemberRooms, int Queries, int Warmup, int Seed)
{
    public static BenchOptions Parse(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var store = Arg("store", "sqlite");
        if (store is not ("sqlite" or "postgres")) throw new ArgumentException("--store is sqlite or postgres");
        return new BenchOptions(store, Arg("path", "search-bench.db"), Arg("connection", ""),
            int.Parse(Arg("messages", "1000000")), int.Parse(Arg("rooms", "1000")), int.Parse(Arg("member-rooms", "50")),
            int.Parse(Arg("queries", "300")), int.Parse(Arg("warmup", "30")), int.Parse(Arg("seed", "42")));
    }
}
