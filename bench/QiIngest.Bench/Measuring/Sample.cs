using System.Diagnostics;

namespace QiIngest.Bench.Measuring;

/// <summary>Repeated timings of one operation: warm-up runs are discarded, the median is the figure.</summary>
/// <param name="Seconds">Each measured run's wall time, in order.</param>
/// <param name="AllocatedBytes">Bytes allocated by the process during each measured run.</param>
internal sealed record Sample(IReadOnlyList<double> Seconds, IReadOnlyList<long> AllocatedBytes)
{
    public double Median => Middle(Seconds);

    public double Best => Seconds.Min();

    public long MedianAllocated => (long)Middle([.. AllocatedBytes.Select(b => (double)b)]);

    /// <summary>
    /// Runs <paramref name="run"/> unmeasured at least <paramref name="warmups"/> times and for at least
    /// <paramref name="warmupSeconds"/>, then <paramref name="runs"/> times measured. Tiered compilation replaces a hot
    /// method's code some time after its first calls, so a short run needs a warm-up of some length, not only a count.
    /// </summary>
    public static async Task<Sample> TakeAsync(int warmups, int runs, Func<int, Task> run, double warmupSeconds = 0)
    {
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < warmups || warming.Elapsed.TotalSeconds < warmupSeconds; i++)
        {
            await run(-1 - i);
        }

        var seconds = new List<double>(runs);
        var allocated = new List<long>(runs);
        for (var i = 0; i < runs; i++)
        {
            Settle();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            await run(i);
            clock.Stop();
            allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        return new Sample(seconds, allocated);
    }

    /// <summary>Times one run of <paramref name="run"/>.</summary>
    public static async Task<(T Result, double Seconds, long AllocatedBytes)> OnceAsync<T>(Func<Task<T>> run)
    {
        Settle();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var result = await run();
        clock.Stop();
        return (result, clock.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    /// <summary>Starts each run from a collected heap, so that one run's garbage is not charged to the next.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>The median of some values (the mean of the middle two for an even count; NaN for none).</summary>
    public static double Middle(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
