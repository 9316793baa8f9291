using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// Chooses the transport per connection: the one the operator named, or /json/2 where
/// <c>GET /json/version</c> answers (Odoo 19 and later, the only choice on 20: <c>docs/odoo-protocol.md</c>) and /jsonrpc
/// elsewhere (16 to 18). The choice is made once per host and connection, and made again when a
/// reply says the server may have changed. One call, with whatever it takes (finding the server,
/// a login, a fresh login after a refusal, the call again), ends within twice the call timeout,
/// each request within the call timeout itself: a drain renews its leases whenever less than
/// twice the call timeout is left, so no lease runs out during a call.
/// </summary>
internal sealed class OdooClient(OdooHttp http, OdooConnectionSettings settings, OdooSessionCache sessions, OdooServerProfiles profiles, TimeSpan callTimeout) : IOdooClient
{
    public Task<OdooServerInfo> FindServerAsync(CancellationToken cancellationToken)
    {
        Forget();
        return ServerAsync(cancellationToken);
    }

    public async Task AuthenticateAsync(CancellationToken cancellationToken) =>
        await TransportFor(await ServerAsync(cancellationToken)).AuthenticateAsync(cancellationToken);

    public async Task<JsonNode?> CallAsync(OdooCall call, CancellationToken cancellationToken)
    {
        var limit = callTimeout * 2;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            return await CallWithinAsync(call, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OdooException(OdooErrorKind.Transient, "Timeout", $"Odoo did not answer within {limit.TotalSeconds:0.#} s");
        }
    }

    private async Task<JsonNode?> CallWithinAsync(OdooCall call, CancellationToken cancellationToken)
    {
        var known = profiles.Get(settings.CacheKey).Server;
        var server = known ?? await ServerAsync(cancellationToken);
        try
        {
            return await TransportFor(server).CallAsync(call, cancellationToken);
        }
        catch (OdooException failure) when ((failure.ServerMayHaveChanged || failure.TransportMayBeGone) && known is not null)
        {
            // Asked again once; the call goes again only if the server now wants another transport.
            Forget();
            var now = await ServerAsync(cancellationToken);
            if (now.Transport == server.Transport)
            {
                throw;
            }

            return await TransportFor(now).CallAsync(call, cancellationToken);
        }
    }

    private void Forget()
    {
        profiles.Forget(settings.CacheKey);
        sessions.Forget(settings.CacheKey);
    }

    private async Task<OdooServerInfo> ServerAsync(CancellationToken cancellationToken)
    {
        if (profiles.Get(settings.CacheKey).Server is { } known)
        {
            return known;
        }

        var server = await AskServerAsync(cancellationToken);
        profiles.Update(settings.CacheKey, profile => profile with { Server = server });
        return server;
    }

    private async Task<OdooServerInfo> AskServerAsync(CancellationToken cancellationToken)
    {
        if (settings.Transport != OdooTransports.JsonRpc)
        {
            if (await JsonTwoTransport.VersionAsync(http, cancellationToken) is { } version)
            {
                return new OdooServerInfo(version, OdooTransports.JsonTwo);
            }

            if (settings.Transport == OdooTransports.JsonTwo)
            {
                throw new OdooException(OdooErrorKind.Tenant, "NoJsonTwo",
                    $"{http.BaseUrl.GetLeftPart(UriPartial.Authority)} does not answer /json/version: it has no /json/2 (Odoo 19 and later have it); let NixCafe choose the transport");
            }
        }

        return new OdooServerInfo(await JsonRpc().VersionAsync(cancellationToken), OdooTransports.JsonRpc);
    }

    private IOdooTransport TransportFor(OdooServerInfo server) =>
        server.Transport == OdooTransports.JsonTwo ? new JsonTwoTransport(http, settings) : JsonRpc();

    private JsonRpcTransport JsonRpc() => new(http, settings, sessions);
}
