using System.Xml;
using QiIngest.Core.Catalog;
using QiIngest.Core.Rollup;

namespace QiIngest.Core.Sdmx;

/// <summary>
/// The structures of the dataflow as an SDMX-ML 2.1 structure message: the dataflow and, with its references, the
/// codelists (indicators with their growth codes, areas, units, observation status), the concept scheme and the data
/// structure definition. Names are in English and Chinese. The indicators and their names come from the rollup's own
/// figures, so a derived figure such as <c>IT_PRIVATE_SHARE</c> is named where it is computed.
/// </summary>
public static class SdmxStructures
{
    /// <summary>The media type.</summary>
    public const string MediaType = "application/vnd.sdmx.structure+xml;version=2.1";

    private static readonly (string Id, string En, string Zh)[] Concepts =
    [
        (SdmxDataflow.RefArea, "Reference area", "参考地区"),
        (SdmxDataflow.Indicator, "Indicator", "指标"),
        (SdmxDataflow.TimePeriod, "Time period", "时间"),
        (SdmxDataflow.ObsValue, "Observation value", "观测值"),
        (SdmxDataflow.UnitMeasure, "Unit of measure", "计量单位"),
        (SdmxDataflow.ObsStatus, "Observation status", "观测状态"),
    ];

    /// <summary>
    /// The structure SDMX REST answers for a query of <paramref name="type"/> (dataflow, datastructure, codelist or
    /// conceptscheme) with <paramref name="references"/> (none, parents, parentsandsiblings, children, descendants, all);
    /// null when either is not one of these.
    /// </summary>
    public static SdmxStructureParts? PartsFor(string type, string? references)
    {
        var children = references is "children" or "descendants" or "all";
        var parents = references is "parents" or "parentsandsiblings" or "all";
        if (references is not (null or "" or "none" or "parents" or "parentsandsiblings" or "children" or "descendants" or "all"))
        {
            return null;
        }

        return type switch
        {
            "dataflow" => SdmxStructureParts.Dataflow | (children ? SdmxStructureParts.Codelists | SdmxStructureParts.Concepts | SdmxStructureParts.DataStructure : SdmxStructureParts.None),
            "datastructure" => SdmxStructureParts.DataStructure | (children ? SdmxStructureParts.Codelists | SdmxStructureParts.Concepts : SdmxStructureParts.None) | (parents ? SdmxStructureParts.Dataflow : SdmxStructureParts.None),
            "codelist" => SdmxStructureParts.Codelists | (parents ? SdmxStructureParts.DataStructure : SdmxStructureParts.None),
            "conceptscheme" => SdmxStructureParts.Concepts | (parents ? SdmxStructureParts.DataStructure : SdmxStructureParts.None),
            _ => null,
        };
    }

    /// <summary>The ids of the artefacts of one structure type, for matching a query's id.</summary>
    public static IReadOnlyList<string> Ids(string type) => type switch
    {
        "dataflow" => [SdmxDataflow.Id],
        "datastructure" => [SdmxDataflow.StructureId],
        "codelist" => [SdmxDataflow.Codelists.Area, SdmxDataflow.Codelists.Indicator, SdmxDataflow.Codelists.Unit, SdmxDataflow.Codelists.ObsStatus],
        "conceptscheme" => [SdmxDataflow.ConceptSchemeId],
        _ => [],
    };

    /// <summary>The structure message with <paramref name="parts"/>; <paramref name="codelist"/> keeps one codelist only.</summary>
    public static byte[] Write(IndicatorCatalog catalog, ReporterRegistry reporters, DateTimeOffset prepared, string id, SdmxStructureParts parts, string? codelist = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(reporters);
        using var buffer = new MemoryStream();
        using (var w = SdmxMl.Create(buffer))
        {
            w.WriteStartElement("message", "Structure", SdmxMl.Message);
            w.WriteAttributeString("xmlns", "str", null, SdmxMl.Structure);
            w.WriteAttributeString("xmlns", "common", null, SdmxMl.Common);
            SdmxMl.Header(w, id, prepared);
            w.WriteEndElement();
            w.WriteStartElement("message", "Structures", SdmxMl.Message);

            // The schema's order: dataflows, codelists, concepts, data structures.
            if (parts.HasFlag(SdmxStructureParts.Dataflow))
            {
                w.WriteStartElement("str", "Dataflows", SdmxMl.Structure);
                Maintainable(w, "Dataflow", "datastructure", SdmxDataflow.Id, "National quality infrastructure statistics", "全国质量基础设施统计");
                w.WriteStartElement("str", "Structure", SdmxMl.Structure);
                SdmxMl.Ref(w, SdmxDataflow.StructureId, "datastructure", "DataStructure");
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }

            if (parts.HasFlag(SdmxStructureParts.Codelists))
            {
                w.WriteStartElement("str", "Codelists", SdmxMl.Structure);
                foreach (var (listId, en, zh, codes) in new (string, string, string, Func<IEnumerable<(string, string, string)>>)[]
                {
                    (SdmxDataflow.Codelists.Area, "Reference areas", "参考地区", () => Areas(reporters)),
                    (SdmxDataflow.Codelists.Indicator, "Quality infrastructure indicators", "质量基础设施指标", () => Indicators(catalog, reporters)),
                    (SdmxDataflow.Codelists.Unit, "Units of measure", "计量单位", () => [("NUMBER", "Number", "数量"), ("CNY", "Yuan renminbi", "元"), ("PC", "Percent", "百分比")]),
                    (SdmxDataflow.Codelists.ObsStatus, "Observation status", "观测状态", () => [(SdmxDataflow.StatusNormal, "Normal value", "正常值"), (SdmxDataflow.StatusProvisional, "Provisional value", "初步值")]),
                })
                {
                    if (codelist is null || codelist == listId)
                    {
                        Codelist(w, listId, en, zh, codes());
                    }
                }

                w.WriteEndElement();
            }

            if (parts.HasFlag(SdmxStructureParts.Concepts))
            {
                w.WriteStartElement("str", "Concepts", SdmxMl.Structure);
                Maintainable(w, "ConceptScheme", "conceptscheme", SdmxDataflow.ConceptSchemeId, "Concepts of the national quality infrastructure statistics", "全国质量基础设施统计概念");
                foreach (var (conceptId, en, zh) in Concepts)
                {
                    w.WriteStartElement("str", "Concept", SdmxMl.Structure);
                    w.WriteAttributeString("id", conceptId);
                    w.WriteAttributeString("urn", $"urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept={SdmxDataflow.Agency}:{SdmxDataflow.ConceptSchemeId}({SdmxDataflow.Version}).{conceptId}");
                    SdmxMl.Names(w, en, zh);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
                w.WriteEndElement();
            }

            if (parts.HasFlag(SdmxStructureParts.DataStructure))
            {
                w.WriteStartElement("str", "DataStructures", SdmxMl.Structure);
                DataStructure(w);
                w.WriteEndElement();
            }

            w.WriteEndElement(); // Structures
            w.WriteEndElement();
        }

        return buffer.ToArray();
    }

    /// <summary>The codes of the indicator codelist: every figure of a rollup, each sum indicator followed by its growth code.</summary>
    public static IReadOnlyList<(string Code, string En, string Zh)> Indicators(IndicatorCatalog catalog, ReporterRegistry reporters)
    {
        var empty = NationalRollupCalculator.Compute(new RollupInput(new Period(Period.MinYear), [], []), catalog, reporters, DateTimeOffset.UnixEpoch);
        var codes = new List<(string, string, string)>();
        foreach (var f in empty.Figures)
        {
            codes.Add((f.Code, f.NameEn, f.NameZh));
            if (f.Aggregation == FigureAggregation.Sum)
            {
                codes.Add((f.Code + SdmxDataflow.GrowthSuffix, f.NameEn + ", like-for-like growth on the previous year (%)", f.NameZh + "同比增长（%）"));
            }
        }

        return codes;
    }

    private static List<(string, string, string)> Areas(ReporterRegistry reporters) =>
        [(SdmxDataflow.NationalArea, "China", "全国"), .. reporters.Provinces.Select(p => (p.Code, p.NameEn, p.NameZh))];

    private static void Maintainable(XmlWriter w, string @class, string package, string id, string en, string zh)
    {
        w.WriteStartElement("str", @class, SdmxMl.Structure);
        w.WriteAttributeString("id", id);
        w.WriteAttributeString("urn", SdmxMl.Urn(package, @class, id));
        w.WriteAttributeString("agencyID", SdmxDataflow.Agency);
        w.WriteAttributeString("version", SdmxDataflow.Version);
        w.WriteAttributeString("isFinal", "true");
        SdmxMl.Names(w, en, zh);
    }

    private static void Codelist(XmlWriter w, string id, string en, string zh, IEnumerable<(string Code, string En, string Zh)> codes)
    {
        Maintainable(w, "Codelist", "codelist", id, en, zh);
        foreach (var (code, codeEn, codeZh) in codes)
        {
            w.WriteStartElement("str", "Code", SdmxMl.Structure);
            w.WriteAttributeString("id", code);
            w.WriteAttributeString("urn", $"urn:sdmx:org.sdmx.infomodel.codelist.Code={SdmxDataflow.Agency}:{id}({SdmxDataflow.Version}).{code}");
            SdmxMl.Names(w, codeEn, codeZh);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void DataStructure(XmlWriter w)
    {
        Maintainable(w, "DataStructure", "datastructure", SdmxDataflow.StructureId, "National quality infrastructure statistics", "全国质量基础设施统计");
        w.WriteStartElement("str", "DataStructureComponents", SdmxMl.Structure);
        w.WriteStartElement("str", "DimensionList", SdmxMl.Structure);
        w.WriteAttributeString("id", "DimensionDescriptor");
        Component(w, "Dimension", SdmxDataflow.RefArea, SdmxDataflow.Codelists.Area, position: 1);
        Component(w, "Dimension", SdmxDataflow.Indicator, SdmxDataflow.Codelists.Indicator, position: 2);
        w.WriteStartElement("str", "TimeDimension", SdmxMl.Structure);
        w.WriteAttributeString("id", SdmxDataflow.TimePeriod);
        w.WriteAttributeString("position", "3");
        ConceptIdentity(w, SdmxDataflow.TimePeriod);
        w.WriteStartElement("str", "LocalRepresentation", SdmxMl.Structure);
        w.WriteStartElement("str", "TextFormat", SdmxMl.Structure);
        w.WriteAttributeString("textType", "ObservationalTimePeriod");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement(); // DimensionList

        w.WriteStartElement("str", "AttributeList", SdmxMl.Structure);
        w.WriteAttributeString("id", "AttributeDescriptor");
        Component(w, "Attribute", SdmxDataflow.UnitMeasure, SdmxDataflow.Codelists.Unit, relatedTo: ("Dimension", SdmxDataflow.Indicator));
        Component(w, "Attribute", SdmxDataflow.ObsStatus, SdmxDataflow.Codelists.ObsStatus, relatedTo: ("PrimaryMeasure", SdmxDataflow.ObsValue));
        w.WriteEndElement();

        w.WriteStartElement("str", "MeasureList", SdmxMl.Structure);
        w.WriteAttributeString("id", "MeasureDescriptor");
        w.WriteStartElement("str", "PrimaryMeasure", SdmxMl.Structure);
        w.WriteAttributeString("id", SdmxDataflow.ObsValue);
        ConceptIdentity(w, SdmxDataflow.ObsValue);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement(); // DataStructureComponents
        w.WriteEndElement(); // DataStructure
    }

    private static void Component(XmlWriter w, string element, string id, string codelist, int? position = null, (string Element, string Id)? relatedTo = null)
    {
        w.WriteStartElement("str", element, SdmxMl.Structure);
        w.WriteAttributeString("id", id);
        if (position is { } p)
        {
            w.WriteAttributeString("position", p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (relatedTo is not null)
        {
            w.WriteAttributeString("assignmentStatus", "Mandatory");
        }

        ConceptIdentity(w, id);
        w.WriteStartElement("str", "LocalRepresentation", SdmxMl.Structure);
        w.WriteStartElement("str", "Enumeration", SdmxMl.Structure);
        SdmxMl.Ref(w, codelist, "codelist", "Codelist");
        w.WriteEndElement();
        w.WriteEndElement();
        if (relatedTo is { } related)
        {
            w.WriteStartElement("str", "AttributeRelationship", SdmxMl.Structure);
            w.WriteStartElement("str", related.Element, SdmxMl.Structure);
            w.WriteStartElement("Ref");
            w.WriteAttributeString("id", related.Id);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void ConceptIdentity(XmlWriter w, string concept)
    {
        w.WriteStartElement("str", "ConceptIdentity", SdmxMl.Structure);
        SdmxMl.Ref(w, concept, "conceptscheme", "Concept", SdmxDataflow.ConceptSchemeId);
        w.WriteEndElement();
    }
}
