namespace NixCafe.OdooSync.Features.ManageConnection;

/// <summary>What a connection test found: each stage, and the server's version and transport once known.</summary>
public sealed record ConnectionTestResult(bool Ok, string Stage, string Message, string? ServerVersion, string? Transport = null);
