using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Usage: AllocTrace <trace.nettrace> [top]
// The allocation ticks of the trace (about one per 100 KB allocated) summed by type and by frame of the sampled stack
// (inclusive: a frame counts every tick below it), and the runtime's pauses (from suspending to resuming the threads),
// with the generation each collected.
if (args.Length == 0)
{
    Console.Error.WriteLine("Usage: AllocTrace <trace.nettrace> [top]");
    return 2;
}
var top = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));

var byType = new Dictionary<string, long>();
var byFrame = new Dictionary<string, long>();
var pauses = new List<(double AtSeconds, double Milliseconds, int Generation)>();
long total = 0;
double suspendedAt = -1;
var generation = -1;
double first = -1, last = 0;
foreach (var data in log.Events)
{
    if (first < 0) first = data.TimeStampRelativeMSec;
    last = data.TimeStampRelativeMSec;
    switch (data)
    {
        case GCAllocationTickTraceData tick:
            total += tick.AllocationAmount64;
            byType[tick.TypeName] = byType.GetValueOrDefault(tick.TypeName) + tick.AllocationAmount64;
            var seen = new HashSet<string>();
            for (var frame = tick.CallStack(); frame is not null; frame = frame.Caller)
            {
                var name = frame.CodeAddress.FullMethodName;
                if (!string.IsNullOrEmpty(name) && seen.Add(name)) byFrame[name] = byFrame.GetValueOrDefault(name) + tick.AllocationAmount64;
            }
            break;
        case GCStartTraceData start:
            generation = start.Depth;
            break;
        case GCSuspendEETraceData:
            suspendedAt = data.TimeStampRelativeMSec;
            break;
        case GCNoUserDataTraceData when data.EventName == "GC/RestartEEStop" && suspendedAt >= 0:
            pauses.Add((data.TimeStampRelativeMSec / 1000, data.TimeStampRelativeMSec - suspendedAt, generation));
            suspendedAt = -1;
            break;
    }
}

var seconds = (last - first) / 1000;
Console.WriteLine($"trace: {seconds:F1} s; allocated (sampled): {total / 1e6:F1} MB; collections: {pauses.Count}, paused {pauses.Sum(p => p.Milliseconds):F0} ms ({pauses.Sum(p => p.Milliseconds) / 10 / Math.Max(seconds, 0.001):F2} %)");
foreach (var pause in pauses) Console.WriteLine($"  pause at {pause.AtSeconds:F1} s: gen{pause.Generation}, {pause.Milliseconds:F1} ms");
Console.WriteLine();
Console.WriteLine("by type:");
foreach (var (name, bytes) in byType.OrderByDescending(p => p.Value).Take(top)) Console.WriteLine($"  {bytes * 100.0 / total,5:F1} %  {bytes / 1e6,7:F1} MB  {name}");
Console.WriteLine();
Console.WriteLine("by frame (inclusive), OrleansChat's own and the libraries it calls:");
foreach (var (name, bytes) in byFrame.Where(p => !p.Key.StartsWith("System.", StringComparison.Ordinal)).OrderByDescending(p => p.Value).Take(top))
{
    Console.WriteLine($"  {bytes * 100.0 / total,5:F1} %  {name}");
}
return 0;
