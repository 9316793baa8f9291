using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace NixCafe.Shared.DataProtection;

/// <summary>
/// Keeps a key in clear out of a key ring whose keys are encrypted. A host whose certificate
/// settings are missing cannot read such a ring, so Data Protection makes it a new key, in clear.
/// Stored, that key would be the newest, and every host would encrypt new secrets with it for its
/// 90 days.
/// </summary>
internal sealed class EncryptedKeyRingGuard(IXmlRepository ring) : IXmlRepository
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    /// <summary>Data Protection's mark on a secret it stores in clear because no certificate (or other encryptor) is configured.</summary>
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";

    /// <summary>What replaces the secret when it is encrypted.</summary>
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";

    public IReadOnlyCollection<XElement> GetAllElements() => ring.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        if (element.Descendants().Any(node => (bool?)node.Attribute(RequiresEncryption) == true)
            && ring.GetAllElements().Any(stored => stored.Descendants(EncryptedSecret).Any()))
        {
            throw new InvalidOperationException(
                $"The key ring is encrypted with a certificate and this host has none ({KeyRingProtection.Section}:CertificatePath): it adds no unencrypted key to the ring");
        }

        ring.StoreElement(element, friendlyName);
    }
}
