namespace NixCafe.FakeOdoo;

/// <summary>Back-office edits of the fake's records, made under its lock.</summary>
public sealed class FakeOdooStore
{
    private readonly FakeOdooDatabase _database;

    internal FakeOdooStore(FakeOdooDatabase database) => _database = database;

    public FakePosConfig AddPosConfig(string name, bool active = true) => _database.PosConfigs.Add(name, active);

    /// <summary>Deletes a pos.config (and its external ids), as an admin deleting it in the back office.</summary>
    public void DeletePosConfig(int id) => _database.PosConfigs.Remove(id);

    /// <summary>Renames a pos.config, as a back-office user editing it (its external ids stay).</summary>
    public void RenamePosConfig(int id, string name) => _database.PosConfigs.Find(id).Name = name;

    /// <summary>Archives (or, with <paramref name="active"/> true, un-archives) a pos.config, as the back office's Archive / Unarchive action does.</summary>
    public void ArchivePosConfig(int id, bool active = false) => _database.PosConfigs.Find(id).Active = active;

    public FakePosConfig PosConfig(int id) => _database.PosConfigs.Find(id);
}
