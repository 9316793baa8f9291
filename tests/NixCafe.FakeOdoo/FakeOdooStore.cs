namespace NixCafe.FakeOdoo;

/// <summary>Back-office edits of the fake's records, made under its lock.</summary>
public sealed class FakeOdooStore
{
    private readonly FakeOdooDatabase _database;

    internal FakeOdooStore(FakeOdooDatabase database) => _database = database;

    public FakePosConfig AddPosConfig(string name, bool active = true) => _database.PosConfigs.Add(name, active);

    /// <summary>Deletes a pos.config (and its external ids), as an admin deleting it in the back office.</summary>
    public void DeletePosConfig(int id) => _database.PosConfigs.Remove(id);

    public FakePosConfig PosConfig(int id) => _database.PosConfigs.Find(id);
}
