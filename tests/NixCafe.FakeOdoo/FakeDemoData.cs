namespace NixCafe.FakeOdoo;

/// <summary>
/// The records a fresh Odoo with point_of_sale and its demo data has, per version: up to 17
/// one "Shop" whose cash method has a cash journal of its own; from 18 three shops sharing the
/// Card and Customer Account methods, each with a cash method (and cash journal) of its own.
/// </summary>
internal static class FakeDemoData
{
    public static void Seed(FakeOdooDatabase database)
    {
        var journals = database.Journals;
        var methods = database.PaymentMethods;
        var configs = database.PosConfigs;
        journals.Store(new FakeJournal(1, "Customer Invoices", "sale", "INV"));
        journals.Store(new FakeJournal(6, "Bank", "bank", "BNK1"));
        journals.Store(new FakeJournal(9, "Point of Sale", "general", "POSS"));
        methods.Store(new FakePaymentMethod(3, "Customer Account", null, IsCashCount: false));
        if (database.Version.Number <= 17)
        {
            journals.Store(new FakeJournal(7, "Cash", "cash", "CSH1"));
            methods.Store(new FakePaymentMethod(1, "Cash", 7, IsCashCount: true));
            methods.Store(new FakePaymentMethod(2, "Bank", 6, IsCashCount: false));
            // The pricelist comes from the version's defaults: the public one on 16, none since 17.
            configs.Add("Shop").ManyToMany["payment_method_ids"] = [1, 2, 3];
            return;
        }

        methods.Store(new FakePaymentMethod(2, "Card", 6, IsCashCount: false));
        (string Shop, int CashJournal, int CashMethod)[] shops = [("Furniture Shop", 7, 1), ("Clothes Shop", 8, 4), ("Bakery Shop", 10, 5)];
        for (var index = 0; index < shops.Length; index++)
        {
            var (shop, cashJournal, cashMethod) = shops[index];
            journals.Store(new FakeJournal(cashJournal, $"Cash {shop}", "cash", $"CSH{index + 1}"));
            methods.Store(new FakePaymentMethod(cashMethod, "Cash", cashJournal, IsCashCount: true));
            configs.Add(shop).ManyToMany["payment_method_ids"] = [2, 3, cashMethod];
        }
    }
}
