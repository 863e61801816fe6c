using System.Globalization;

namespace QiIngest.Reliability.Tests.Harness;

/// <summary>What a scenario did and how its uploads ended: the figures of the fault suite's closing note.</summary>
internal sealed record ScenarioFigures
{
    public required string Scenario { get; init; }

    public required int Uploads { get; init; }

    public required int Deliveries { get; init; }

    public required int Attempts { get; init; }

    public required int Requests { get; init; }

    public required int Unavailable { get; init; }

    public required int LostAnswers { get; init; }

    public required int Crashes { get; init; }

    public required int Poisoned { get; init; }

    public required int Accepted { get; init; }

    public required int Rejected { get; init; }

    /// <summary>Uploads with no final receipt at their name.</summary>
    public required int Stranded { get; init; }

    /// <summary>Staged observation rows that no version of the ledger points to.</summary>
    public required int RowsOrphaned { get; init; }

    public int Faults => Unavailable + LostAnswers + Crashes;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"[{Scenario}] uploads {Uploads}, deliveries {Deliveries}, attempts {Attempts}, storage requests {Requests}; faults injected {Faults} " +
        $"(503 {Unavailable}, lost answers {LostAnswers}, crashes {Crashes}); poisoned deliveries {Poisoned}; " +
        $"uploads ending accepted {Accepted}, rejected {Rejected}, stranded {Stranded}; rows orphaned {RowsOrphaned}");
}
