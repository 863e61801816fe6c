namespace QiIngest.Core.Reading.Xlsx;

/// <summary>A merged range of a worksheet: 1-based rows, 0-based columns, corners included.</summary>
internal readonly record struct MergedRange(int Top, int Left, int Bottom, int Right);
