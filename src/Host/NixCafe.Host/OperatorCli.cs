using System.CommandLine;
using MediatR;
using NixCafe.Host.Database;
using NixCafe.Tenants.Contracts;
using NixCafe.Tenants.Features.AddShop;
using NixCafe.Tenants.Features.AddTenant;
using NixCafe.Tenants.Features.ChangeTenantPlan;
using NixCafe.Tenants.Features.IssueApiKey;
using NixCafe.Tenants.Features.IssueOperatorKey;
using NixCafe.Tenants.Features.RevokeApiKey;
using NixCafe.Tenants.Features.RevokeOperatorKey;

namespace NixCafe.Host;

/// <summary>
/// Operator verbs: tenants, their shops and their API keys, and the operators' own keys. They run the same commands, with the
/// same validation and unit of work, as the HTTP host would.
/// </summary>
internal static class OperatorCli
{
    public static IEnumerable<Command> Commands()
    {
        var name = new Option<string>("--name") { Required = true, Description = "The name." };
        var plan = new Option<string>("--plan") { Description = $"{TenantPlans.Starter} or {TenantPlans.Pro}.", DefaultValueFactory = _ => TenantPlans.Starter };
        var tenant = new Option<Guid>("--tenant") { Required = true, Description = "The tenant's id." };
        var key = new Option<Guid>("--key") { Required = true, Description = "The API key's id." };
        var operatorId = new Option<Guid>("--operator") { Required = true, Description = "The operator key's id." };

        var addTenant = new Command("add", "Add a tenant; prints its id.") { name, plan };
        addTenant.SetAction((result, ct) => SendAsync(new AddTenantCommand(result.GetValue(name)!, result.GetValue(plan)!), id => $"{id}", ct));
        var setPlan = new Command("set-plan", "Move a tenant to another plan.") { tenant, plan };
        setPlan.SetAction((result, ct) => SendAsync(new ChangeTenantPlanCommand(result.GetValue(tenant), result.GetValue(plan)!), _ => "The plan is changed.", ct));

        var addShop = new Command("add", "Add a shop to a tenant; prints its id.") { tenant, name };
        addShop.SetAction((result, ct) => SendAsync(new AddShopCommand(result.GetValue(tenant), result.GetValue(name)!), id => $"{id}", ct));

        var issueKey = new Command("issue", "Issue an API key for a tenant; prints it once (it is not stored in clear).") { tenant };
        issueKey.SetAction((result, ct) => SendAsync(new IssueApiKeyCommand(result.GetValue(tenant)), issued => $"key id: {issued.KeyId}\nkey:    {issued.Key}", ct));
        var revokeKey = new Command("revoke", "Revoke an API key at once.") { key };
        revokeKey.SetAction((result, ct) => SendAsync(new RevokeApiKeyCommand(result.GetValue(key)), _ => "The key is revoked.", ct));

        var issueOperator = new Command("issue", "Issue a key for a named operator; prints it once (it is not stored in clear).") { name };
        issueOperator.SetAction((result, ct) => SendAsync(new IssueOperatorKeyCommand(result.GetValue(name)!),
            issued => $"operator id: {issued.OperatorId}\nname:        {issued.Name}\nkey:         {issued.Key}", ct));
        var revokeOperator = new Command("revoke", "Revoke an operator's key at once; its console sessions end.") { operatorId };
        revokeOperator.SetAction((result, ct) => SendAsync(new RevokeOperatorKeyCommand(result.GetValue(operatorId)), _ => "The operator's key is revoked.", ct));

        return
        [
            new Command("tenants", "Manage tenants.") { addTenant, setPlan },
            new Command("shops", "Manage shops.") { addShop },
            new Command("keys", "Manage tenant API keys.") { issueKey, revokeKey },
            new Command("operators", "Manage the operators' keys (the console and the operator API).") { issueOperator, revokeOperator },
        ];
    }

    private static Task<int> SendAsync<TResult>(IRequest<TResult> command, Func<TResult, string> describe, CancellationToken cancellationToken) =>
        CafeCli.Guard(async () =>
        {
            await using var database = await CafeDatabase.OpenAsync(CafeConfiguration.Load(), cancellationToken);
            // stdout carries only the result (an id, a key) so that scripts can capture it.
            await using var app = CafeWebApp.Build([], database.ConnectionString, builder => builder.Logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken);
            Console.Out.WriteLine(describe(result));
            return 0;
        });
}
