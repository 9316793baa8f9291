using System.Buffers;
using System.Globalization;
using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Odoo;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.ManageConnection;

/// <summary>Operator: set or replace a tenant's Odoo connection. The key is encrypted before it is stored.</summary>
public sealed record SetOdooConnectionCommand(Guid TenantId, string? BaseUrl, string? Database, string? Login, string? ApiKey) : ICommand<Done>, ITenantScopedRequest;

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

internal sealed class OdooConnectionCommandHandlers(OdooSyncDbContext db, ITenantDirectory tenants, OdooKeyProtector protector, IAuditTrail audit, TimeProvider clock) :
    IRequestHandler<SetOdooConnectionCommand, Done>,
    IRequestHandler<DisableOdooConnectionCommand, Done>
{
    public async Task<Done> Handle(SetOdooConnectionCommand request, CancellationToken cancellationToken)
    {
        _ = await tenants.GetPlanAsync(request.TenantId, cancellationToken) ?? throw new NotFoundException("Tenant", request.TenantId);
        var connection = await db.Connections.SingleOrDefaultAsync(cancellationToken);
        var before = connection is null ? null : AuditView(connection);
        if (connection is null)
        {
            connection = new TenantOdooConnection { TenantId = request.TenantId };
            db.Connections.Add(connection);
        }

        // Ends with a slash so that "jsonrpc" resolves under the base path, not beside it.
        var baseUrl = request.BaseUrl!.TrimEnd('/') + "/";
        connection.BaseUrl = baseUrl;
        connection.Database = request.Database!.Trim();
        connection.Login = request.Login!.Trim();
        connection.ApiKeyProtected = protector.Protect(request.ApiKey!);
        connection.Enabled = true;
        connection.Healthy = true;
        connection.LastError = null;
        connection.UpdatedAt = clock.GetUtcNow();
        await audit.RecordAsync("odoo_connection.set", request.TenantId, before, AuditView(connection), cancellationToken);
        return Done.Value;
    }

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
        new { connection.BaseUrl, connection.Database, connection.Login, connection.Enabled, ApiKey = "(set, not shown)" };
}

public sealed record ConnectionTestResult(bool Ok, string Stage, string Message, string? ServerVersion);

/// <summary>
/// Operator: tries the tenant's connection (<c>version</c>, then a fresh <c>authenticate</c>) and
/// says what failed: unreachable, bad database, bad credentials. A passing test makes an
/// unhealthy connection healthy again. Not an ICommand: it calls Odoo, so it holds no transaction.
/// </summary>
public sealed record TestOdooConnectionCommand(Guid TenantId) : IRequest<ConnectionTestResult>, ITenantScopedRequest;

internal sealed class TestOdooConnectionCommandHandler(TenantConnections connections, IOdooClientFactory clients, OdooSessionCache sessions)
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
        string? version = null;
        var stage = "version";
        try
        {
            version = (await odoo.VersionAsync(cancellationToken))?["server_version"]?.GetValue<string>();
            stage = "authenticate";
            sessions.Forget(OdooSessionCache.KeyOf(settings));
            await odoo.AuthenticateAsync(cancellationToken);
        }
        catch (OdooException failure)
        {
            var message = failure.OdooName switch
            {
                "AuthenticationFailed" => "bad credentials: Odoo refused the login or the API key",
                "psycopg2.OperationalError" => $"bad database: {failure.Reason}",
                _ when stage == "version" => $"unreachable or not Odoo: {failure.Reason}",
                _ => failure.Reason,
            };
            await connections.SetHealthAsync(healthy: false, message, cancellationToken);
            return new ConnectionTestResult(false, stage, message, version);
        }

        await connections.SetHealthAsync(healthy: true, lastError: null, cancellationToken);
        return new ConnectionTestResult(true, "authenticate", "connected", version);
    }
}
