namespace NixCafe.Benchmarks;

/// <summary>A Prometheus server's part: scrapes the host's <c>/metrics</c> with the operator key at a fixed interval until disposed.</summary>
public sealed class MetricsScraper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MetricsScraper(Uri hostUrl, TimeSpan interval)
    {
        _loop = ScrapeAsync(hostUrl, interval, _stop.Token);
    }

    public int Scrapes { get; private set; }

    public long Bytes { get; private set; }

    private async Task ScrapeAsync(Uri hostUrl, TimeSpan interval, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = hostUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", BenchDatabase.OperatorKey);
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var text = await http.GetStringAsync("metrics", stop);
                Scrapes++;
                Bytes += text.Length;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
