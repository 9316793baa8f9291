namespace NixCafe.FakeOdoo;

/// <summary>What the fake does instead of (or after) answering a call.</summary>
public abstract record FakeOdooFault
{
    /// <summary>HTTP 503 with an HTML page, as a proxy in front of a restarting Odoo answers.</summary>
    public sealed record ServiceUnavailable : FakeOdooFault;

    /// <summary>HTTP 200 whose body is not JSON.</summary>
    public sealed record NotJson : FakeOdooFault;

    /// <summary>Never answers until the client gives up (a timeout).</summary>
    public sealed record Hang : FakeOdooFault;

    /// <summary>The connection is dropped before anything is done (a refused or reset connection).</summary>
    public sealed record DropConnection : FakeOdooFault;

    /// <summary>The call is carried out and committed, then the connection drops before the reply: a lost reply.</summary>
    public sealed record CommitThenDrop : FakeOdooFault;

    /// <summary>Holds the call until <paramref name="Release"/> completes, then answers it normally.</summary>
    public sealed record Hold(Task Release) : FakeOdooFault;

    /// <summary>The standard RPC error envelope with this <c>data.name</c> and message.</summary>
    public sealed record RpcError(string Name, string Message) : FakeOdooFault;
}
