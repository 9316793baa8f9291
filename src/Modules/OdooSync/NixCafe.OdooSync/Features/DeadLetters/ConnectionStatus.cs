namespace NixCafe.OdooSync.Features.DeadLetters;

/// <param name="ApiKeyNeedsReentry">The stored key cannot be decrypted (key ring lost or rotated away, damaged value): pushes wait until it is entered again.</param>
public sealed record ConnectionStatus(string BaseUrl, string Database, string Login, string Transport, bool Enabled, bool Healthy, string? LastError, bool ApiKeyNeedsReentry);
