using System.Reflection;
using MediatR;
using NixCafe.OdooSync;
using NixCafe.Registers;
using NixCafe.Registers.Contracts;
using NixCafe.Shared.Application;
using NixCafe.Shared.Domain;
using NixCafe.Tenants;
using NixCafe.Tenants.Contracts;

namespace NixCafe.UnitTests.Architecture;

/// <summary>The module boundaries the compiler cannot see on its own, checked by reflection.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly Shared = typeof(AggregateRoot).Assembly;
    private static readonly Assembly Registers = typeof(RegistersModule).Assembly;
    private static readonly Assembly RegistersContracts = typeof(RegisterCreatedIntegrationEvent).Assembly;
    private static readonly Assembly Tenants = typeof(TenantsModule).Assembly;
    private static readonly Assembly TenantsContracts = typeof(ITenantDirectory).Assembly;

    private static readonly Assembly OdooSync = typeof(OdooSyncModule).Assembly;

    private static readonly Assembly[] Modules = [Registers, Tenants, OdooSync];
    private static readonly Assembly[] Contracts = [RegistersContracts, TenantsContracts];

    /// <summary>
    /// Commands whose whole input is a route id (or none), or that only the host sends (the
    /// scheduler, a drain, the operator's connection test) with ids it read itself: nothing for a
    /// validator to check.
    /// </summary>
    private static readonly string[] CommandsWithoutValidator =
    [
        "DeactivateRegisterCommand", "ReactivateRegisterCommand", "IssueOrderNumberCommand", "IssueApiKeyCommand", "RevokeApiKeyCommand", "RevokeOperatorKeyCommand", "DisableOdooConnectionCommand",
        "RequeueDeadLettersCommand", "TestOdooConnectionCommand", "RecordOperatorActionCommand", "RunOdooSyncTickCommand", "DispatchTenantDrainsCommand", "DrainTenantsCommand", "DrainPosConfigQueueCommand",
        "DispatchDriftChecksCommand", "CheckTenantsDriftCommand",
    ];

    /// <summary>Every assembly of the product, the host included: a request or a handler may live in any.</summary>
    private static readonly Assembly[] Product = [Shared, .. Contracts, .. Modules, typeof(NixCafe.Host.CafeCli).Assembly];

    private static IEnumerable<string> ReferencedNixCafeAssemblies(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(name => name.Name!).Where(name => name.StartsWith("NixCafe.", StringComparison.Ordinal));

    [Fact]
    public void Shared_references_no_module()
    {
        Assert.Empty(ReferencedNixCafeAssemblies(Shared));
    }

    [Fact]
    public void Modules_reference_other_modules_only_through_their_contracts()
    {
        foreach (var module in Modules)
        {
            var own = module.GetName().Name!;
            var others = ReferencedNixCafeAssemblies(module)
                .Where(name => name != "NixCafe.Shared" && !name.EndsWith(".Contracts", StringComparison.Ordinal) && name != own);
            Assert.True(!others.Any(), $"{own} references {string.Join(", ", others)}");
        }
    }

    [Fact]
    public void OdooSync_knows_registers_only_by_their_contracts_and_registers_know_nothing_of_odoo()
    {
        Assert.Contains("NixCafe.Registers.Contracts", ReferencedNixCafeAssemblies(OdooSync));
        Assert.DoesNotContain("NixCafe.Registers", ReferencedNixCafeAssemblies(OdooSync));
        Assert.DoesNotContain(ReferencedNixCafeAssemblies(Registers), name => name.Contains("OdooSync", StringComparison.Ordinal));
    }

    [Fact]
    public void Contracts_reference_only_shared()
    {
        foreach (var contracts in Contracts)
        {
            Assert.Equal(["NixCafe.Shared"], ReferencedNixCafeAssemblies(contracts));
        }
    }

    [Fact]
    public void Integration_events_are_public_sealed_records_of_primitives()
    {
        Type[] primitives = [typeof(Guid), typeof(Guid?), typeof(string), typeof(bool), typeof(int), typeof(int?), typeof(long), typeof(DateTimeOffset)];
        var events = Contracts.SelectMany(assembly => assembly.GetTypes()).Where(type => typeof(IIntegrationEvent).IsAssignableFrom(type)).ToList();

        Assert.NotEmpty(events);
        foreach (var type in events)
        {
            Assert.True(type.IsPublic && type.IsSealed, $"{type.Name} must be public sealed");
            Assert.EndsWith("IntegrationEvent", type.Name);
            Assert.NotNull(type.GetMethod("<Clone>$"));
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract"))
            {
                Assert.True(primitives.Contains(property.PropertyType), $"{type.Name}.{property.Name} is a {property.PropertyType.Name}");
            }
        }
    }

    [Fact]
    public void Domain_types_take_nothing_from_frameworks()
    {
        string[] forbidden = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Quartz", "FluentValidation", "Npgsql"];
        foreach (var type in Modules.SelectMany(m => m.GetTypes()).Where(t => t.Namespace?.EndsWith(".Domain", StringComparison.Ordinal) == true))
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var used = type.GetFields(all).Select(f => f.FieldType)
                .Concat(type.GetProperties(all).Select(p => p.PropertyType))
                .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                .Concat(type.GetInterfaces())
                .Append(type.BaseType)
                .OfType<Type>();
            var offending = used.Where(t => forbidden.Any(ns => t.Namespace?.StartsWith(ns, StringComparison.Ordinal) == true)).Select(t => t.FullName).Distinct();
            Assert.True(!offending.Any(), $"{type.FullName} uses {string.Join(", ", offending)}");
        }
    }

    /// <summary>
    /// Every <see cref="IRequest{TResponse}"/> counts, not only <see cref="ICommand{TResult}"/> and
    /// <see cref="IQuery{TResult}"/>: a request sent with MediatR's own marker (<c>IRequest</c> is an
    /// <c>IRequest&lt;Unit&gt;</c>) is routed just the same. Whatever is not a query changes
    /// something, so it is a command here whatever marker it carries.
    /// </summary>
    [Fact]
    public void Every_request_has_exactly_one_handler_and_every_command_a_validator_unless_listed()
    {
        var types = Product.SelectMany(m => m.GetTypes()).Where(t => !t.IsAbstract && !t.IsInterface).ToList();
        var requests = types.Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))).ToList();
        Assert.NotEmpty(requests);
        Assert.Contains(requests, request => !typeof(ICommandMarker).IsAssignableFrom(request) && !IsQuery(request));

        var failures = new List<string>();
        foreach (var request in requests)
        {
            var handlers = types.Where(t => t.GetInterfaces().Any(i =>
                i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) && i.GetGenericArguments()[0] == request)).ToList();
            if (handlers.Count != 1)
            {
                failures.Add($"{request.Name} has {handlers.Count} handlers ({string.Join(", ", handlers.Select(h => h.Name))})");
            }

            if (!IsQuery(request) && !CommandsWithoutValidator.Contains(request.Name))
            {
                var validators = types.Count(t => t.BaseType is { IsGenericType: true } b && b.GetGenericArguments()[0] == request && b.Name.StartsWith("AbstractValidator", StringComparison.Ordinal));
                if (validators != 1)
                {
                    failures.Add($"{request.Name} has {validators} validators");
                }
            }
        }

        // A name left on the list after its command was renamed or removed would exempt nothing, silently.
        failures.AddRange(CommandsWithoutValidator.Where(name => !requests.Any(request => request.Name == name)).Select(name => $"{name} is listed as needing no validator but is no request"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static bool IsQuery(Type request) =>
        request.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQuery<>));

    [Fact]
    public void Quartz_jobs_are_named_job_only_send_a_command_and_all_but_the_ticks_drains_run_one_at_a_time()
    {
        var jobs = Modules.SelectMany(m => m.GetTypes()).Where(t => typeof(Quartz.IJob).IsAssignableFrom(t) && !t.IsInterface).ToList();

        Assert.NotEmpty(jobs);
        // A tick's drain triggers, and a drift schedule's check triggers, all fire one job at once, bounded by the host's drain slots.
        var concurrent = jobs.Where(job => job.GetCustomAttributes(typeof(Quartz.DisallowConcurrentExecutionAttribute), inherit: true).Length == 0);
        Assert.Equal(["CheckTenantsDriftJob", "DrainTenantsJob"], concurrent.Select(job => job.Name).Order());
        Assert.All(jobs, job =>
        {
            Assert.EndsWith("Job", job.Name);
            var dependencies = job.GetConstructors().Single().GetParameters().Select(p => p.ParameterType);
            Assert.Equal([typeof(IMediator)], dependencies);
        });
    }

    [Fact]
    public void Domain_events_are_internal_sealed_and_named_in_the_past_tense()
    {
        var events = Modules.SelectMany(m => m.GetTypes()).Where(t => typeof(IDomainEvent).IsAssignableFrom(t) && !t.IsInterface).ToList();

        Assert.NotEmpty(events);
        Assert.All(events, type =>
        {
            Assert.False(type.IsPublic, type.Name);
            Assert.True(type.IsSealed, type.Name);
            Assert.Matches("^[A-Z][a-zA-Z]*(ed|Changed)DomainEvent$", type.Name);
        });
    }
}
