using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// Reads a tenant's <see cref="PosConfigTemplate"/> and whether its API user may make cash
/// journals, each once per drain: a right taken away between two drains is noticed before a
/// journal is tried. The clone fields come from <c>fields_get</c> once per host and connection; a
/// template read that says a field vanished (the tenant upgraded its Odoo) asks for them again.
/// </summary>
internal sealed class PosConfigTemplateReader(IOdooClient odoo, OdooConnectionSettings settings, OdooServerProfiles profiles)
{
    /// <summary>A cash journal makes its own default account: the user needs both rights.</summary>
    private static readonly string[] CashJournalModels = ["account.journal", "account.account"];

    private PosConfigTemplate? _template;

    private bool? _mayCreateCashJournals;

    /// <summary>
    /// Why a tenant's registers wait: without its own cash method a register would take no cash in
    /// Odoo, and a register made without it would need a second, different push later.
    /// </summary>
    private static OdooException CashJournalRightsMissing(PosConfigTemplate template) => new(OdooErrorKind.Tenant, "CashJournalRights",
        $"the Odoo user may not create cash journals, which each new register needs for a cash payment method of its own (the template '{template.Name}' has a cash method): "
        + "add the API user to the group Accounting / Administrator, then test the connection");

    /// <summary>The template, or null when the tenant's Odoo has no active pos.config.</summary>
    public async Task<PosConfigTemplate?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_template is not null)
        {
            return _template;
        }

        JsonObject? record;
        CloneFields fields;
        try
        {
            fields = await FieldsAsync(cancellationToken);
            record = await FirstActiveAsync(fields, cancellationToken);
        }
        catch (OdooException failure) when (failure.ServerMayHaveChanged)
        {
            // The client has forgotten the server; the fields are asked again, once.
            fields = await FieldsAsync(cancellationToken);
            record = await FirstActiveAsync(fields, cancellationToken);
        }

        if (record is null)
        {
            return null;
        }

        var methodIds = (record[CashMethodPayload.PaymentMethodsField] as JsonArray ?? []).Select(id => id!.GetValue<int>()).ToList();
        var cashIds = methodIds.Count == 0 ? [] : await CashMethodIdsAsync(methodIds, cancellationToken);
        _template = new PosConfigTemplate(fields, record, methodIds.Where(id => !cashIds.Contains(id)).ToList(), cashIds.Count > 0);
        return _template;
    }

    /// <summary>Throws <see cref="CashJournalRightsMissing"/> when new registers need cash journals of their own that the API user may not make.</summary>
    public async Task RequireCashJournalRightsAsync(PosConfigTemplate template, CancellationToken cancellationToken)
    {
        if (template.HasCashPaymentMethod && !await MayCreateCashJournalsAsync(cancellationToken))
        {
            throw CashJournalRightsMissing(template);
        }
    }

    /// <summary>Asked, never guessed from a refusal: Odoo translates its messages, and refuses a journal as a load row message.</summary>
    private async Task<bool> MayCreateCashJournalsAsync(CancellationToken cancellationToken)
    {
        if (_mayCreateCashJournals is { } known)
        {
            return known;
        }

        var granted = true;
        foreach (var model in CashJournalModels)
        {
            granted &= await odoo.CallAsync(OdooCall.CheckAccessRights(model, "create"), cancellationToken) is JsonValue answer
                       && answer.TryGetValue<bool>(out var allowed) && allowed;
        }

        _mayCreateCashJournals = granted;
        return granted;
    }

    private async Task<CloneFields> FieldsAsync(CancellationToken cancellationToken)
    {
        if (profiles.Get(settings.CacheKey).Fields is { } known)
        {
            return known;
        }

        // Kept for the host's lifetime, so only a real description is: every pos.config has a name.
        if (await odoo.CallAsync(OdooCall.FieldsGet(PosConfigPayload.Model, "type", "relation", "required", "readonly", "store"), cancellationToken) is not JsonObject described
            || described["name"] is not JsonObject)
        {
            throw new OdooException(OdooErrorKind.Transient, "NotFieldsGet", "Odoo's fields_get of pos.config did not describe its fields");
        }

        var fields = PosConfigPayload.Writable(described);
        profiles.Update(settings.CacheKey, profile => profile with { Fields = fields });
        return fields;
    }

    private async Task<JsonObject?> FirstActiveAsync(CloneFields fields, CancellationToken cancellationToken)
    {
        var found = await odoo.CallAsync(OdooCall.SearchRead(PosConfigPayload.Model, [new JsonArray("active", "=", true)], ["name", .. fields.All], "id asc", limit: 1), cancellationToken);
        return (found as JsonArray)?.FirstOrDefault() as JsonObject;
    }

    private async Task<HashSet<int>> CashMethodIdsAsync(List<int> methodIds, CancellationToken cancellationToken)
    {
        var methods = await odoo.CallAsync(OdooCall.SearchRead(CashMethodPayload.PaymentMethodModel,
            [new JsonArray("id", "in", new JsonArray(methodIds.Select(id => (JsonNode)id).ToArray()))], ["is_cash_count"], "id asc"), cancellationToken);
        return (methods as JsonArray ?? []).OfType<JsonObject>()
            .Where(method => method["is_cash_count"] is JsonValue cash && cash.TryGetValue<bool>(out var isCash) && isCash)
            .Select(method => method["id"]!.GetValue<int>())
            .ToHashSet();
    }
}
