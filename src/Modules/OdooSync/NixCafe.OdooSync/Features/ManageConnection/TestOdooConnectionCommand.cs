using MediatR;
using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.ManageConnection;

/// <summary>
/// Operator: tries the tenant's connection and says what failed: unreachable, bad database, bad
/// credentials, no template to copy, no right to make the cash journals new registers need. It
/// finds the server's version and transport afresh (a tenant may have upgraded its Odoo). A
/// passing test makes an unhealthy connection healthy again. Not an ICommand: it calls Odoo, so
/// it holds no transaction.
/// </summary>
public sealed record TestOdooConnectionCommand(Guid TenantId) : IRequest<ConnectionTestResult>, ITenantScopedRequest;
