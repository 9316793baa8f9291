using FluentValidation.Results;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Authentication;

/// <summary>Who the browser is signed in as, and the antiforgery token its next unsafe requests must carry.</summary>
public sealed record BrowserSessionResponse(bool SignedIn, string? Tenant, string AntiforgeryToken);
