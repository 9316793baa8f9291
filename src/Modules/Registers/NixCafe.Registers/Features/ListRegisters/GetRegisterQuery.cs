using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.ListRegisters;

/// <summary>One of the authenticated tenant's registers.</summary>
public sealed record GetRegisterQuery(Guid RegisterId) : IQuery<RegisterResponse>;
