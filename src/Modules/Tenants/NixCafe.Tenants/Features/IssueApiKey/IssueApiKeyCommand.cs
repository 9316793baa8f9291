using NixCafe.Shared.Application;

namespace NixCafe.Tenants.Features.IssueApiKey;

/// <summary>Operator verb: a new API key for a tenant.</summary>
public sealed record IssueApiKeyCommand(Guid TenantId) : ICommand<IssuedApiKey>, ITenantScopedRequest;
