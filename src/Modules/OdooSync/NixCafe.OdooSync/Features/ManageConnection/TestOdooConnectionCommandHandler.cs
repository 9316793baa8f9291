using MediatR;
using NixCafe.OdooSync.Odoo;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.ManageConnection;

internal sealed class TestOdooConnectionCommandHandler(TenantConnections connections, IOdooClientFactory clients, OdooServerProfiles profiles)
    : IRequestHandler<TestOdooConnectionCommand, ConnectionTestResult>
{
    public async Task<ConnectionTestResult> Handle(TestOdooConnectionCommand request, CancellationToken cancellationToken)
    {
        var connection = await connections.FindAsync(cancellationToken)
                         ?? throw new NotFoundException("Odoo connection of tenant", request.TenantId);
        if (connections.TrySettings(connection) is not { } settings)
        {
            // The drain skips the tenant until a host decrypts the key again or the connection is set again.
            await connections.SetHealthAsync(healthy: false, TenantConnections.UnreadableKeyReason, cancellationToken);
            return new ConnectionTestResult(false, "decrypt", TenantConnections.UnreadableKeyReason, null);
        }

        var odoo = clients.Create(settings);
        OdooServerInfo? server = null;
        var stage = "version";
        try
        {
            server = await odoo.FindServerAsync(cancellationToken);
            stage = "authenticate";
            await odoo.AuthenticateAsync(cancellationToken);
            stage = "template";
            var templates = new PosConfigTemplateReader(odoo, settings, profiles);
            if (await templates.ReadAsync(cancellationToken) is not { } template)
            {
                // Creates fail one by one until a template exists; the connection itself is fine.
                await connections.SetHealthAsync(healthy: true, lastError: null, cancellationToken);
                return new ConnectionTestResult(false, stage, "connected, but the tenant's Odoo has no active pos.config for new registers to copy settings from; create one in Odoo", server.Version, server.Transport);
            }

            stage = "rights";
            await templates.RequireCashJournalRightsAsync(template, cancellationToken);

            await connections.SetHealthAsync(healthy: true, lastError: null, cancellationToken);
            return new ConnectionTestResult(true, stage, template.HasCashPaymentMethod
                ? $"connected; new registers copy '{template.Name}' and get a cash journal and cash payment method of their own"
                : $"connected; new registers copy '{template.Name}', which has no cash payment method", server.Version, server.Transport);
        }
        catch (OdooException failure)
        {
            var message = failure.OdooName switch
            {
                "AuthenticationFailed" or "werkzeug.exceptions.Unauthorized" => "bad credentials: Odoo refused the login or the API key",
                "psycopg2.OperationalError" or "DatabaseNotFound" => $"bad database: {failure.Reason}",
                _ when stage == "version" => $"unreachable or not Odoo: {failure.Reason}",
                _ => failure.Reason,
            };
            await connections.SetHealthAsync(healthy: false, message, cancellationToken);
            return new ConnectionTestResult(false, stage, message, server?.Version, server?.Transport);
        }
    }
}
