using System.Globalization;
using System.Text.Json.Nodes;

namespace QiIngest.Bench.Reporting;

/// <summary>One figure of issue 6: a ratio against a baseline measured in the same run, its target, and the raw measurements behind it.</summary>
/// <param name="Name">The figure's name, as <c>ratio NAME VALUE</c> prints it.</param>
/// <param name="Value">The ratio.</param>
/// <param name="AtMost">True when the target is an upper bound (≤), false when it is a lower bound (≥).</param>
/// <param name="Target">The target.</param>
/// <param name="Raw">The measurements the ratio is made of, and notes on how.</param>
internal sealed record Figure(string Name, double Value, bool AtMost, double Target, JsonObject Raw)
{
    public bool Met => AtMost ? Value <= Target : Value >= Target;

    public string TargetText => (AtMost ? "<= " : ">= ") + Target.ToString(CultureInfo.InvariantCulture);

    /// <summary>The line the issue asks for: <c>ratio NAME VALUE</c>.</summary>
    public string Line => string.Create(CultureInfo.InvariantCulture, $"ratio {Name} {Value:0.###}");
}
