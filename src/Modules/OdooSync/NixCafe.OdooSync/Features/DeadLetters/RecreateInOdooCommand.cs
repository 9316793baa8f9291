using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.DeadLetters;

/// <summary>Creates one of the current tenant's registers in Odoo again, after its pos.config was deleted there.</summary>
public sealed record RecreateInOdooCommand(Guid RegisterId) : ICommand<Done>;
