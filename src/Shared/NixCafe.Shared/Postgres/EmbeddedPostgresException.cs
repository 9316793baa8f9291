using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace NixCafe.Shared.Postgres;

public sealed class EmbeddedPostgresException(string message) : Exception(message);
