namespace NixCafe.Shared.Postgres;

public sealed class EmbeddedPostgresException(string message) : Exception(message);
