using System.Net.Sockets;
using NixCafe.Shared.Postgres;
using Npgsql;

namespace NixCafe.Host.Cli;

/// <summary>A failure the operator can act on; the CLI prints its message as one line.</summary>
internal sealed class CliException(string message) : Exception(message)
{
    /// <summary>One line for stderr describing what went wrong, without a stack trace or a secret.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        CliException cli => cli.Message,
        Microsoft.Extensions.Options.OptionsValidationException options => string.Join("; ", options.Failures),
        FluentValidation.ValidationException validation => string.Join(" ", validation.Errors.Select(error => error.ErrorMessage).Distinct()),
        NixCafe.Shared.Application.NotFoundException notFound => notFound.Message,
        EmbeddedPostgresException embedded => $"could not start the embedded PostgreSQL: {embedded.Message}",
        PostgresException { SqlState: "28P01" or "28000" } => "the database refused the login (check the user and password of ConnectionStrings:Cafe)",
        PostgresException { SqlState: "3D000" } postgres => $"the database does not exist: {postgres.MessageText}",
        PostgresException postgres => $"the database answered an error: {postgres.MessageText}",
        NpgsqlException { InnerException: SocketException or TimeoutException } npgsql => $"cannot reach the database: {npgsql.InnerException!.Message}",
        NpgsqlException npgsql => $"cannot reach the database: {npgsql.Message}",
        _ => $"{exception.GetType().Name}: {exception.Message.Split('\n')[0]}",
    };
}
