namespace NixCafe.OdooSync.Persistence;

/// <summary>A pushed row whose outcome was recorded: the state the drain read it in, and the state it is in now.</summary>
internal sealed class RecordedPush
{
    public Guid Id { get; init; }

    public string ReadState { get; init; } = "";

    public string State { get; init; } = "";
}
