namespace NixCafe.Benchmarks;

/// <summary>What Linux reports in /proc about a process: its resident memory (working set) and CPU time.</summary>
public static class ProcessStats
{
    /// <summary>Restarts the peak (VmHWM) from the current size, so a later peak is the peak of what came since.</summary>
    public static void ResetPeakMemory(int processId) => File.WriteAllText($"/proc/{processId}/clear_refs", "5");

    public static long PeakMemoryBytes(int processId) => ReadStatus(processId, "VmHWM");

    public static long MemoryBytes(int processId) => ReadStatus(processId, "VmRSS");

    /// <summary>User and system CPU time the process has used so far.</summary>
    public static TimeSpan CpuTime(int processId)
    {
        // The fields after the command name (which may hold spaces) start with the state, field 3.
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        // utime and stime count USER_HZ ticks, 100 a second on every Linux the project runs on.
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>CPU time of every PostgreSQL server process on the machine.</summary>
    public static TimeSpan PostgresCpuTime() =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(name => int.Parse(name!))
            .Where(pid => ReadComm(pid) == "postgres")
            .Select(pid => { try { return CpuTime(pid); } catch (IOException) { return TimeSpan.Zero; } })
            .Aggregate(TimeSpan.Zero, (sum, time) => sum + time);

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
