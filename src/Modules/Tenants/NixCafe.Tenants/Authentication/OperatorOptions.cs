using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NixCafe.Tenants.Authentication;

/// <summary>The operator's key (<c>NixCafe:OperatorKey</c>); operator endpoints are closed while it is unset.</summary>
public sealed class OperatorOptions
{
    public string? OperatorKey { get; set; }
}
