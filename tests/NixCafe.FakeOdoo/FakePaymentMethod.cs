namespace NixCafe.FakeOdoo;

/// <summary>A pos.payment.method record: a cash (count) method exactly when its journal is a cash journal.</summary>
public sealed record FakePaymentMethod(int Id, string Name, int? JournalId, bool IsCashCount);
