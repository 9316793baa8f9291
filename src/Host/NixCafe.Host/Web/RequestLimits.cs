using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NixCafe.Tenants.Authentication;

namespace NixCafe.Host.Web;

internal static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitOptions>().BindConfiguration("NixCafe:Limits")
            .Validate(limits => limits.MaxRequestBodyBytes >= 1024, "NixCafe:Limits:MaxRequestBodyBytes must be at least 1024")
            .Validate(limits => limits.PermitsPerWindow >= 1 && limits.Window > TimeSpan.Zero, "NixCafe:Limits:PermitsPerWindow and Window must be positive")
            .ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            // Runs after authentication, so a key is limited as itself wherever it comes from; a
            // caller without a valid key (a guess at the operator's key included) shares its client
            // address's budget. The operator's own key is not limited: it is one trusted
            // credential whose tools (a cron calling the drain, scripts) legitimately run in loops.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value;
                var caller = Callers.IdOf(context.User) ?? "address:" + context.Connection.RemoteIpAddress;
                if (caller == Callers.Operator)
                {
                    return RateLimitPartition.GetNoLimiter(caller);
                }

                return RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitsPerWindow,
                    Window = limits.Window,
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? (int)Math.Ceiling(retryAfter.TotalSeconds)
                    : (int)Math.Ceiling(http.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value.Window.TotalSeconds);
                http.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteProblemAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests.",
                    $"This caller sent more requests than its limit allows; try again in {Math.Max(1, seconds)} s.");
            };
        });
        return services;
    }

    /// <summary>
    /// Refuses a declared body over the cap at once, and stops reading an undeclared (chunked) one
    /// at the cap. Kestrel's own limit is set too, but it answers without a body, and the test
    /// server enforces none: this middleware is what makes every 413 a ProblemDetails.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyCap(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var cap = context.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value.MaxRequestBodyBytes;
            if (context.Request.ContentLength > cap)
            {
                await WriteTooLargeAsync(context, cap);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrelLimit)
            {
                // One byte more than ours, so ours trips first and answers with its ProblemDetails.
                kestrelLimit.MaxRequestBodySize = cap + 1;
            }

            var capped = new CappedStream(context.Request.Body, cap);
            context.Request.Body = capped;
            await next(context);
            // Minimal APIs swallow a failed body read without answering; the answer is ours to give.
            if (capped.Exceeded && !context.Response.HasStarted)
            {
                context.Response.Clear();
                await WriteTooLargeAsync(context, cap);
            }
        });

    private static Task WriteTooLargeAsync(HttpContext context, long cap) =>
        WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"A request body may be at most {cap} bytes.");

    private static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>A request body that fails once more than the cap has been read.</summary>
    private sealed class CappedStream(Stream inner, long cap) : Stream
    {
        private long _read;

        public bool Exceeded { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > cap)
            {
                Exceeded = true;
                throw new BadHttpRequestException($"A request body may be at most {cap} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
