namespace NixCafe.FakeOdoo;

/// <summary>What the fake does instead of (or after) answering a call.</summary>
public abstract record FakeOdooFault
{
    /// <summary>HTTP 503 with an HTML page, as a proxy in front of a restarting Odoo answers.</summary>
    public sealed record ServiceUnavailable : FakeOdooFault;

    /// <summary>
    /// HTTP 429 with an HTML page and, when given, this <c>Retry-After</c> (seconds or an HTTP
    /// date), doing nothing: what a rate-limiting proxy in front of Odoo answers.
    /// </summary>
    public sealed record TooManyRequests(string? RetryAfter) : FakeOdooFault;

    /// <summary>HTTP 200 whose body is not JSON.</summary>
    public sealed record NotJson : FakeOdooFault;

    /// <summary>Never answers until the client gives up (a timeout).</summary>
    public sealed record Hang : FakeOdooFault;

    /// <summary>The connection is dropped before anything is done (a refused or reset connection).</summary>
    public sealed record DropConnection : FakeOdooFault;

    /// <summary>The call is carried out and committed, then the connection drops before the reply: a lost reply.</summary>
    public sealed record CommitThenDrop : FakeOdooFault;

    /// <summary>
    /// Holds the call, before doing anything, until <paramref name="Release"/> completes, then
    /// answers it normally; if the caller goes away first, nothing is done.
    /// </summary>
    public sealed record Hold(Task Release) : FakeOdooFault
    {
        /// <summary>Completes, with the caller's X-NixCafe-Host, when the call is being held.</summary>
        public TaskCompletionSource<string?> Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Carries the call out and commits it, then holds the reply until <paramref name="Release"/>
    /// completes: Odoo has done the work but the caller has not heard yet.
    /// </summary>
    public sealed record HoldReply(Task Release) : FakeOdooFault
    {
        /// <summary>Completes, with the caller's X-NixCafe-Host, when the call has been carried out and its reply is held.</summary>
        public TaskCompletionSource<string?> Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once the whole reply has been sent.</summary>
        public TaskCompletionSource Replied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// The error Odoo raises with this <c>name</c> and message: over /jsonrpc the standard error
    /// envelope, over /json/2 the status that name maps to and Odoo's JSON error body.
    /// </summary>
    public sealed record RpcError(string Name, string Message) : FakeOdooFault;

    /// <summary>Answers this redirect and does nothing, as a proxy or a login page in front of Odoo does.</summary>
    public sealed record Redirect(Uri Location, int Status = 307) : FakeOdooFault;

    /// <summary>Answers this status with this <c>application/json</c> body and does nothing, as a proxy or a WAF in front of Odoo does.</summary>
    public sealed record JsonStatus(int Status, string Body) : FakeOdooFault;
}
