namespace NixCafe.Shared.Auditing;

/// <summary>The caller of the current request, as the audit trail records it.</summary>
public interface ICurrentActor
{
    AuditActor Actor { get; }
}
