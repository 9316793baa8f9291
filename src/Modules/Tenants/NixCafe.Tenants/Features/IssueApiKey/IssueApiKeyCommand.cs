using NixCafe.Shared.Application;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.IssueApiKey;

/// <summary>Operator verb: a new API key for a tenant.</summary>
public sealed record IssueApiKeyCommand(Guid TenantId) : ICommand<IssuedApiKey>, ITenantScopedRequest;
