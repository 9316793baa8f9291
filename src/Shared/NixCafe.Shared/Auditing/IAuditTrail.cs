namespace NixCafe.Shared.Auditing;

/// <summary>Records a change of the current tenant's data in <c>audit.entries</c>, in the transaction of the change itself.</summary>
public interface IAuditTrail
{
    /// <param name="before">What the change replaced (null for a creation); never a secret.</param>
    /// <param name="after">What the change left; never a secret.</param>
    Task RecordAsync(string action, Guid subjectId, object? before, object? after, CancellationToken cancellationToken);
}
