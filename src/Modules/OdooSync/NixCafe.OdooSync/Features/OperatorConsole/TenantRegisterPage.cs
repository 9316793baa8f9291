namespace NixCafe.OdooSync.Features.OperatorConsole;

public sealed record TenantRegisterPage(int Page, int PageSize, long Total, IReadOnlyList<TenantRegister> Registers);
