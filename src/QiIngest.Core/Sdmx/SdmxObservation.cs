namespace QiIngest.Core.Sdmx;

/// <summary>One observation of the dataflow: a series key (area, indicator), a period, the exact value and its attributes.</summary>
/// <param name="Area">REF_AREA.</param>
/// <param name="Indicator">INDICATOR: a figure code or a growth code ending in <c>_YOY</c>.</param>
/// <param name="Period">TIME_PERIOD.</param>
/// <param name="Value">OBS_VALUE, unrounded, in the canonical unit.</param>
/// <param name="Unit">UNIT_MEASURE: NUMBER, CNY or PC.</param>
/// <param name="Status">OBS_STATUS: A (final rollup) or P (provisional).</param>
public sealed record SdmxObservation(string Area, string Indicator, Period Period, decimal Value, string Unit, string Status);
