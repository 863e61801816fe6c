namespace QiIngest.Core.Reading.Xlsx;

/// <summary>What a cell's number format means for its stored number (section 5.5 of the reporting form).</summary>
internal enum NumberFormatKind : byte
{
    /// <summary>The stored number is the figure; display rounding, scaling and text in the format are not interpreted.</summary>
    Number,

    /// <summary>The format has <c>%</c>: the stored number is a fraction, and the figure is 100 times it, in %.</summary>
    Percent,

    /// <summary>A date or time format: the stored number is a serial date, not a figure (<c>type-error</c>).</summary>
    Date,
}
