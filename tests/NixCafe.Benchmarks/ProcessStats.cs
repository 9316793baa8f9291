using System.Globalization;

namespace NixCafe.Benchmarks;

/// <summary>What Linux reports in /proc about a process: its resident memory (working set) and CPU time.</summary>
public static class ProcessStats
{
    /// <summary>Restarts the peak (VmHWM) from the current size, so a later peak is the peak of what came since.</summary>
    public static void ResetPeakMemory(int processId) => File.WriteAllText($"/proc/{processId}/clear_refs", "5");

    public static long PeakMemoryBytes(int processId) => ReadStatus(processId, "VmHWM");

    public static long MemoryBytes(int processId) => ReadStatus(processId, "VmRSS");

    /// <summary>User and system CPU time the process has used so far.</summary>
    public static TimeSpan CpuTime(int processId) => Ticks(StatFields(processId), 11, 12);

    /// <summary>
    /// CPU time of the PostgreSQL server whose postmaster is <paramref name="postmaster"/>: its own,
    /// its live processes' and that of the backends it has reaped (a backend that exits during the
    /// tick counts too). Other PostgreSQL servers on the machine (the tests' containers) do not.
    /// </summary>
    public static TimeSpan ServerCpuTime(int postmaster)
    {
        var children = ProcessIds()
            .Select(pid => (Pid: pid, Fields: TryStatFields(pid)))
            .Where(entry => entry.Fields is { } fields && fields[1] == postmaster.ToString(CultureInfo.InvariantCulture))
            .Aggregate(TimeSpan.Zero, (sum, entry) => sum + Ticks(entry.Fields!, 11, 12));
        return Ticks(StatFields(postmaster), 11, 12) + Ticks(StatFields(postmaster), 13, 14) + children;
    }

    /// <summary>CPU time of every PostgreSQL server process on the machine: when the benchmark's own server is not a local process.</summary>
    public static TimeSpan PostgresCpuTime() =>
        ProcessIds()
            .Where(pid => ReadComm(pid) == "postgres")
            .Select(pid => TryStatFields(pid) is { } fields ? Ticks(fields, 11, 12) : TimeSpan.Zero)
            .Aggregate(TimeSpan.Zero, (sum, time) => sum + time);

    /// <summary>The parent of a local process, if it is a PostgreSQL process (a backend's parent is its postmaster).</summary>
    public static int? PostgresParentOf(int processId) =>
        ReadComm(processId) == "postgres" && TryStatFields(processId) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : null;

    private static IEnumerable<int> ProcessIds() =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture));

    // utime, stime, cutime and cstime count USER_HZ ticks, 100 a second on every Linux the project runs on.
    private static TimeSpan Ticks(string[] fields, int first, int second) =>
        TimeSpan.FromSeconds((long.Parse(fields[first], CultureInfo.InvariantCulture) + long.Parse(fields[second], CultureInfo.InvariantCulture)) / 100.0);

    /// <summary>The fields after the command name (which may hold spaces): 0 is the state (field 3 of stat), 1 the parent.</summary>
    private static string[] StatFields(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static string[]? TryStatFields(int processId)
    {
        try
        {
            return StatFields(processId);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? ReadComm(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long ReadStatus(int processId, string field)
    {
        var line = File.ReadLines($"/proc/{processId}/status").Single(line => line.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]) * 1024;
    }
}
