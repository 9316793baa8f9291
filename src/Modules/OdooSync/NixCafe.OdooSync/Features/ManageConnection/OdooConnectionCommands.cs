using System.Buffers;
using System.Globalization;
using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.OdooSync.Odoo;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;
using NixCafe.Shared.Domain;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.ManageConnection;

/// <summary>
/// Operator: set or replace a tenant's Odoo connection. The key is encrypted before it is stored.
/// Pointing it at another Odoo server or database must be confirmed (<paramref name="ReplaceOdoo"/>):
/// the registers are then created there anew.
/// </summary>
public sealed record SetOdooConnectionCommand(Guid TenantId, string? BaseUrl, string? Database, string? Login, string? ApiKey, string? Transport = null, bool? ReplaceOdoo = null)
    : ICommand<Done>, ITenantScopedRequest;

/// <summary>Operator: stop syncing a tenant (the connection is kept, disabled).</summary>
public sealed record DisableOdooConnectionCommand(Guid TenantId) : ICommand<Done>, ITenantScopedRequest;

/// <summary>Which Odoo hosts a connection may name (<c>NixCafe:OdooSync:AllowedHosts</c>); empty allows any.</summary>
public sealed class OdooUrlOptions
{
    public string[] AllowedHosts { get; set; } = [];
}

internal sealed class SetOdooConnectionCommandValidator : AbstractValidator<SetOdooConnectionCommand>
{
    public SetOdooConnectionCommandValidator(IOptions<OdooUrlOptions> urls)
    {
        var allowedHosts = urls.Value.AllowedHosts;
        RuleFor(command => command.BaseUrl).Must(BeAnOdooUrl)
            .WithMessage("The base URL must be an absolute http or https URL without credentials in it.");
        // The key is sent to this host: an allow-list keeps a mistyped or hostile URL from receiving it.
        RuleFor(command => command.BaseUrl).Must(url => IsAllowed(url!, allowedHosts))
            .When(command => allowedHosts.Length > 0 && BeAnOdooUrl(command.BaseUrl))
            .WithMessage(command => $"The host {new Uri(command.BaseUrl!).Host} is not one of the allowed Odoo hosts ({string.Join(", ", allowedHosts)}).");
        RuleFor(command => command.Database).NotEmpty().WithMessage("The Odoo database name is required.")
            .MaximumLength(200).WithMessage("The Odoo database name must be at most 200 characters.")
            .Must(BePrintable).WithMessage("The Odoo database name must not contain control or invisible characters.");
        RuleFor(command => command.Login).NotEmpty().WithMessage("The Odoo login is required.")
            .MaximumLength(200).WithMessage("The Odoo login must be at most 200 characters.")
            .Must(BePrintable).WithMessage("The Odoo login must not contain control or invisible characters.");
        RuleFor(command => command.ApiKey).NotEmpty().WithMessage("The Odoo API key is required.")
            .MaximumLength(500).WithMessage("The Odoo API key must be at most 500 characters.")
            .Must(BePrintable).WithMessage("The Odoo API key must not contain control or invisible characters.");
        RuleFor(command => command.Transport).Must(transport => transport is null || OdooTransports.All.Contains(transport))
            .WithMessage($"The transport must be one of {string.Join(", ", OdooTransports.All)} (auto, the default, asks the server).");
    }

    private static bool BeAnOdooUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0;

    // PostgreSQL text holds neither NUL nor half a surrogate pair, and no real Odoo database,
    // login or key holds a control or invisible character.
    private static bool BePrintable(string? value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }

    private static bool IsAllowed(string url, string[] allowedHosts) =>
        allowedHosts.Contains(new Uri(url).Host, StringComparer.OrdinalIgnoreCase);
}

internal sealed class OdooConnectionCommandHandlers(
    OdooSyncDbContext db, ITenantDirectory tenants, OdooKeyProtector protector, IAuditTrail audit, TimeProvider clock, CafeDbSession session, TenantDrainTriggers drains) :
    IRequestHandler<SetOdooConnectionCommand, Done>,
    IRequestHandler<DisableOdooConnectionCommand, Done>
{
    public async Task<Done> Handle(SetOdooConnectionCommand request, CancellationToken cancellationToken)
    {
        var plan = await tenants.GetPlanAsync(request.TenantId, cancellationToken) ?? throw new NotFoundException("Tenant", request.TenantId);
        var connection = await db.Connections.SingleOrDefaultAsync(cancellationToken);
        var before = connection is null ? null : AuditView(connection);
        if (connection is null)
        {
            connection = new TenantOdooConnection { TenantId = request.TenantId };
            db.Connections.Add(connection);
        }

        // Ends with a slash so that "jsonrpc" resolves under the base path, not beside it.
        var baseUrl = request.BaseUrl!.TrimEnd('/') + "/";
        var database = request.Database!.Trim();
        var movesToAnotherOdoo = before is not null && !SameOdoo(connection, baseUrl, database);
        var registers = movesToAnotherOdoo ? await db.PosConfigs.CountAsync(cancellationToken) : 0;
        var knownToTheOldOdoo = movesToAnotherOdoo && await db.PosConfigs.AnyAsync(row => row.OdooPosConfigId != null, cancellationToken);
        var move = new MovingToAnotherOdooMustBeConfirmedRule(knownToTheOldOdoo, request.ReplaceOdoo == true, registers, $"{baseUrl} ({database})");
        if (move.IsBroken())
        {
            throw new BusinessRuleValidationException(move);
        }

        connection.BaseUrl = baseUrl;
        connection.Database = database;
        connection.Login = request.Login!.Trim();
        connection.ApiKeyProtected = protector.Protect(request.ApiKey!);
        connection.Transport = request.Transport ?? OdooTransports.Auto;
        connection.Enabled = true;
        connection.Healthy = true;
        connection.LastError = null;
        connection.UpdatedAt = clock.GetUtcNow();
        await audit.RecordAsync("odoo_connection.set", request.TenantId, before, AuditView(connection), cancellationToken);
        if (movesToAnotherOdoo && registers > 0)
        {
            var queued = await ForgetTheOldOdooAsync(request.TenantId, plan, cancellationToken);
            await audit.RecordAsync("odoo_connection.moved", request.TenantId, before,
                new { connection.BaseUrl, connection.Database, RegistersQueued = queued }, cancellationToken);
        }

        return Done.Value;
    }

    /// <summary>
    /// The old Odoo's ids mean nothing in the new one: every register is created there (keyed by
    /// its external id, so pointing back at the same database later creates nothing twice). Leases
    /// end too, so a push to the old Odoo still in flight records nothing.
    /// </summary>
    private async Task<int> ForgetTheOldOdooAsync(Guid tenantId, string plan, CancellationToken cancellationToken)
    {
        var state = plan == TenantPlans.Pro ? SyncState.PendingCreate : SyncState.Synced;
        var queued = await db.PosConfigs.ExecuteUpdateAsync(set => set
            .SetProperty(row => row.OdooPosConfigId, (int?)null)
            .SetProperty(row => row.SyncState, state)
            .SetProperty(row => row.QueuedAt, clock.GetUtcNow())
            .SetProperty(row => row.Retries, 0)
            .SetProperty(row => row.NextAttemptAt, (DateTimeOffset?)null)
            .SetProperty(row => row.SyncErrorMessage, (string?)null)
            .SetProperty(row => row.ClaimToken, (Guid?)null)
            .SetProperty(row => row.ClaimedBy, (string?)null)
            .SetProperty(row => row.ClaimedAt, (DateTimeOffset?)null)
            .SetProperty(row => row.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
        session.OnCommitted(ct => drains.RequestSoonAsync(tenantId, ct));
        return queued;
    }

    // The same server and database: a new key, login or transport changes nothing of the registers.
    private static bool SameOdoo(TenantOdooConnection connection, string baseUrl, string database) =>
        Uri.Compare(new Uri(connection.BaseUrl), new Uri(baseUrl), UriComponents.HttpRequestUrl, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0
        && connection.Database == database;

    public async Task<Done> Handle(DisableOdooConnectionCommand request, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("Odoo connection of tenant", request.TenantId);
        var before = AuditView(connection);
        connection.Enabled = false;
        connection.UpdatedAt = clock.GetUtcNow();
        await audit.RecordAsync("odoo_connection.disabled", request.TenantId, before, AuditView(connection), cancellationToken);
        return Done.Value;
    }

    // Never the key, not even encrypted: the trail says only that one is set.
    private static object AuditView(TenantOdooConnection connection) =>
        new { connection.BaseUrl, connection.Database, connection.Login, connection.Transport, connection.Enabled, ApiKey = "(set, not shown)" };
}

/// <summary>What a connection test found: each stage, and the server's version and transport once known.</summary>
public sealed record ConnectionTestResult(bool Ok, string Stage, string Message, string? ServerVersion, string? Transport = null);

/// <summary>
/// Operator: tries the tenant's connection and says what failed: unreachable, bad database, bad
/// credentials, no template to copy, no right to make the cash journals new registers need. It
/// finds the server's version and transport afresh (a tenant may have upgraded its Odoo). A
/// passing test makes an unhealthy connection healthy again. Not an ICommand: it calls Odoo, so
/// it holds no transaction.
/// </summary>
public sealed record TestOdooConnectionCommand(Guid TenantId) : IRequest<ConnectionTestResult>, ITenantScopedRequest;

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
            if (template.HasCashPaymentMethod && !await templates.MayCreateCashJournalsAsync(cancellationToken))
            {
                throw PosConfigTemplateReader.CashJournalRightsMissing(template);
            }

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
