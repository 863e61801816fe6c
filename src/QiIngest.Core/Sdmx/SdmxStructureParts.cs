namespace QiIngest.Core.Sdmx;

/// <summary>Which structures a structure message holds.</summary>
[Flags]
public enum SdmxStructureParts
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>The dataflow.</summary>
    Dataflow = 1,

    /// <summary>The four codelists.</summary>
    Codelists = 2,

    /// <summary>The concept scheme.</summary>
    Concepts = 4,

    /// <summary>The data structure definition.</summary>
    DataStructure = 8,

    /// <summary>Everything: the dataflow with all it references.</summary>
    All = Dataflow | Codelists | Concepts | DataStructure,
}
