namespace OrleansChat.Tests.Infrastructure;

/// <summary>Measured figures of a test run, appended to TestResults/measurements.txt, which scripts/test.sh prints.</summary>
public static class Measurements
{
    private static readonly Lock Gate = new();

    public static void Append(IEnumerable<string> lines)
    {
        if (Repository.TryRoot() is not { } root) return;
        var results = Path.Combine(root, "TestResults");
        Directory.CreateDirectory(results);
        lock (Gate) File.AppendAllLines(Path.Combine(results, "measurements.txt"), lines);
    }
}
