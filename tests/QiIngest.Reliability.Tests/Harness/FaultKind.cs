namespace QiIngest.Reliability.Tests.Harness;

/// <summary>What the fault policy does to one storage request.</summary>
internal enum FaultKind
{
    /// <summary>Passed through.</summary>
    None,

    /// <summary>Answered 503 without reaching storage: not applied, and the SDK retries.</summary>
    Unavailable,

    /// <summary>Applied by storage, but the answer is lost to an <see cref="IOException"/> (a dropped connection).</summary>
    LostAnswer,

    /// <summary>Applied by storage, but the answer is lost to a timeout.</summary>
    LostAnswerTimeout,

    /// <summary>The process dies before the request is sent: it and everything after it never reach storage.</summary>
    CrashBefore,

    /// <summary>The process dies once the request is applied, before it sees the answer.</summary>
    CrashAfter,
}
