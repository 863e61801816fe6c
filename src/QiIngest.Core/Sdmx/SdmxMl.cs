using System.Globalization;
using System.Text;
using System.Xml;

namespace QiIngest.Core.Sdmx;

/// <summary>What the SDMX-ML 2.1 writers share: namespaces, the header and references.</summary>
internal static class SdmxMl
{
    public const string Message = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message";
    public const string Common = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common";
    public const string Structure = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure";
    public const string StructureSpecific = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static XmlWriter Create(Stream stream) => XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });

    public static void Header(XmlWriter w, string id, DateTimeOffset prepared)
    {
        w.WriteStartElement("message", "Header", Message);
        w.WriteElementString("message", "ID", Message, id);
        w.WriteElementString("message", "Test", Message, "false");
        w.WriteElementString("message", "Prepared", Message, prepared.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        w.WriteStartElement("message", "Sender", Message);
        w.WriteAttributeString("id", SdmxDataflow.Agency);
        w.WriteEndElement();
    }

    /// <summary>A <c>Ref</c> element (unqualified, as in the schema) to a maintainable of this agency, or to an item of one.</summary>
    public static void Ref(XmlWriter w, string id, string package, string @class, string? parent = null)
    {
        w.WriteStartElement("Ref");
        w.WriteAttributeString("id", id);
        if (parent is not null)
        {
            w.WriteAttributeString("maintainableParentID", parent);
            w.WriteAttributeString("maintainableParentVersion", SdmxDataflow.Version);
        }
        else
        {
            w.WriteAttributeString("version", SdmxDataflow.Version);
        }

        w.WriteAttributeString("agencyID", SdmxDataflow.Agency);
        w.WriteAttributeString("package", package);
        w.WriteAttributeString("class", @class);
        w.WriteEndElement();
    }

    /// <summary>The English and Chinese names of an artefact or item.</summary>
    public static void Names(XmlWriter w, string en, string zh)
    {
        foreach (var (lang, name) in new[] { ("en", en), ("zh", zh) })
        {
            w.WriteStartElement("common", "Name", Common);
            w.WriteAttributeString("xml", "lang", null, lang);
            w.WriteString(name);
            w.WriteEndElement();
        }
    }

    /// <summary>The URN of a maintainable artefact.</summary>
    public static string Urn(string package, string @class, string id) => $"urn:sdmx:org.sdmx.infomodel.{package}.{@class}={SdmxDataflow.Agency}:{id}({SdmxDataflow.Version})";
}
