using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.IntegrationTests.Observability;

[Collection(ObservabilityCollection.Name)]
public sealed class TracingTests(ObservabilityFixture app) : IClassFixture<ObservabilityFixture>
{
    [Fact]
    public async Task A_renames_request_trace_and_the_drain_that_pushed_it_are_found_and_linked_by_the_register()
    {
        await app.ResetAsync();
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await app.ConnectedProTenantAsync(odoo);
        var register = await (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" }))
            .ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);
        await app.DrainAsync(tenant.Id);
        var start = app.EndedSpans().Count;

        (await tenant.Client.PutAsJsonAsync($"/api/cafe/settings/registers/{register.Id}/name", new { name = "Counter" })).EnsureSuccessStatusCode();
        await app.DrainAsync(tenant.Id);
        var spans = app.EndedSpans().Skip(start).ToList();

        // The request: HTTP server span → RenameRegisterCommand (the register's id on it) → the unit of work's commit → Npgsql.
        var request = Assert.Single(spans, span => span.Kind == ActivityKind.Server && span.GetTagItem("http.route") is string route && route.EndsWith("/name", StringComparison.Ordinal));
        var rename = Assert.Single(spans, span => span.DisplayName == "RenameRegisterCommand");
        Assert.Equal(request.SpanId, rename.ParentSpanId);
        Assert.Equal(request.TraceId, rename.TraceId);
        Assert.Equal(register.Id.ToString(), rename.GetTagItem("nixcafe.register_id"));
        var commit = Assert.Single(spans, span => span.DisplayName == "UnitOfWork commit" && span.TraceId == request.TraceId);
        Assert.Equal(rename.SpanId, commit.ParentSpanId);
        Assert.Contains(spans, span => span.Source.Name == "Npgsql" && span.ParentSpanId == commit.SpanId);

        // The drain: a trace of its own → the push of the update, carrying the same register → Odoo's load.
        var drain = Assert.Single(spans, span => span.DisplayName == "DrainPosConfigQueueCommand");
        Assert.NotEqual(request.TraceId, drain.TraceId);
        Assert.Equal(default, drain.ParentSpanId);
        var push = Assert.Single(spans, span => span.DisplayName == "push update");
        Assert.Equal(drain.SpanId, push.ParentSpanId);
        Assert.Equal([register.Id.ToString()], Assert.IsType<string[]>(push.GetTagItem("nixcafe.register_ids")));
        var load = Assert.Single(spans, span => span.DisplayName == "odoo pos.config.load");
        Assert.Equal(push.SpanId, load.ParentSpanId);
        Assert.Equal(ActivityKind.Client, load.Kind);
        Assert.Equal("pos.config", load.GetTagItem("odoo.model"));
        Assert.Equal("load", load.GetTagItem("odoo.method"));
        Assert.Equal(1, load.GetTagItem("odoo.batch_size"));
        Assert.Equal("ok", load.GetTagItem("nixcafe.outcome"));
        // The Odoo call's span is the client span: HttpClient's would repeat it with the tenant's Odoo URL.
        Assert.DoesNotContain(spans, span => span.Source.Name == "System.Net.Http");
        Assert.Contains(spans, span => span.Source.Name == "Npgsql" && span.TraceId == drain.TraceId);
    }

    [Fact]
    public async Task A_traced_push_sends_the_tenants_odoo_no_trace_context()
    {
        await app.ResetAsync();
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await app.ConnectedProTenantAsync(odoo);
        (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" })).EnsureSuccessStatusCode();
        var start = app.EndedSpans().Count;

        await app.DrainAsync(tenant.Id);

        // Traced: each Odoo call has its span…
        Assert.Contains(app.EndedSpans().Skip(start), span => span.DisplayName == "odoo pos.config.load");
        // …but the tenant's Odoo reads no trace context, so none is sent: a header per call, and a
        // shadow activity per call in the host to carry it, for nobody.
        var calls = odoo.Calls;
        Assert.Contains(calls, call => call.ModelMethod == "load");
        Assert.All(calls, call => Assert.Null(call.TraceParent));
    }

    [Fact]
    public async Task Each_tenant_drain_of_a_tick_trigger_is_a_trace_of_its_own()
    {
        await app.ResetAsync();
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenants = new[] { await app.ConnectedProTenantAsync(odoo, name: "Tick cafe 1"), await app.ConnectedProTenantAsync(odoo, name: "Tick cafe 2") };
        foreach (var tenant in tenants)
        {
            (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" })).EnsureSuccessStatusCode();
        }

        var start = app.EndedSpans().Count;
        // What a tick trigger's job sends: the drains of the tenants it carries.
        Assert.Equal(2, await app.SendAsync(new DrainTenantsCommand([.. tenants.Select(tenant => tenant.Id)])));
        var spans = app.EndedSpans().Skip(start).ToList();

        var trigger = Assert.Single(spans, span => span.DisplayName == "DrainTenantsCommand");
        var drains = spans.Where(span => span.DisplayName == "DrainPosConfigQueueCommand").ToList();
        Assert.Equal(tenants.Select(tenant => tenant.Id.ToString()).Order(), drains.Select(drain => (string)drain.GetTagItem("nixcafe.tenant_id")!).Order());
        Assert.All(drains, drain =>
        {
            Assert.Equal(default, drain.ParentSpanId);
            Assert.NotEqual(trigger.TraceId, drain.TraceId);
            Assert.Contains(spans, span => span.DisplayName == "push create" && span.TraceId == drain.TraceId);
        });
        Assert.NotEqual(drains[0].TraceId, drains[1].TraceId);
    }

    [Fact]
    public async Task A_failing_odoo_call_is_an_error_span_with_the_failures_kind_and_name_only()
    {
        await app.ResetAsync();
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await app.ConnectedProTenantAsync(odoo);
        var start = app.EndedSpans().Count;
        await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" });
        odoo.FailNext(1, new FakeOdooFault.ServiceUnavailable());

        await app.DrainAsync(tenant.Id);

        var failed = Assert.Single(app.EndedSpans().Skip(start), span => span.Source.Name == "NixCafe.OdooSync" && span.Status == ActivityStatusCode.Error);
        Assert.Equal("transient", failed.GetTagItem("nixcafe.outcome"));
        Assert.Equal("Transient", failed.StatusDescription);
    }
}
