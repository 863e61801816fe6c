namespace QiIngest.Reliability.Tests.Harness;

/// <summary>
/// Decides the fault of every storage request of one host: first <see cref="Script"/> (deterministic faults at chosen
/// requests), then, for requests in <see cref="InScope"/>, seeded random 503s and lost answers. Once the host has crashed,
/// every later request dies too, as nothing runs after a SIGKILL, until <see cref="Restart"/>. The random faults are
/// reproducible for a given seed and request order; concurrent requests may take them in another order.
/// </summary>
internal sealed class FaultInjector(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private int _requests;
    private int _unavailable;
    private int _lostAnswers;
    private int _crashes;
    private bool _dead;

    /// <summary>The share of requests in scope answered 503 without being applied.</summary>
    public double UnavailableRate { get; set; }

    /// <summary>The share of requests in scope applied whose answer is lost (an <see cref="IOException"/> or a timeout).</summary>
    public double LostAnswerRate { get; set; }

    /// <summary>Which requests the random faults hit; all by default.</summary>
    public Func<StorageRequest, bool> InScope { get; set; } = _ => true;

    /// <summary>A deterministic fault for a request, or <see cref="FaultKind.None"/> to leave it to the random faults.</summary>
    public Func<StorageRequest, FaultKind>? Script { get; set; }

    /// <summary>Awaited before a request is decided: holds it back, for a race whose order a scenario chooses.</summary>
    public Func<StorageRequest, Task>? Hold { get; set; }

    /// <summary>Every request seen, in order (for a run that records the stage boundaries of an ingestion).</summary>
    public List<StorageRequest>? Recording { get; set; }

    /// <summary>Requests seen.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>503s injected.</summary>
    public int Unavailable => Volatile.Read(ref _unavailable);

    /// <summary>Answers lost after the request was applied.</summary>
    public int LostAnswers => Volatile.Read(ref _lostAnswers);

    /// <summary>Simulated process deaths.</summary>
    public int Crashes => Volatile.Read(ref _crashes);

    /// <summary>All faults injected.</summary>
    public int Faults => Unavailable + LostAnswers + Crashes;

    /// <summary>Random faults at these rates on every request in scope.</summary>
    public FaultInjector WithRates(double unavailable, double lostAnswers)
    {
        UnavailableRate = unavailable;
        LostAnswerRate = lostAnswers;
        return this;
    }

    /// <summary>The host came back after a crash: its requests reach storage again.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            _dead = false;
        }
    }

    /// <summary>Numbers the request and decides its fault.</summary>
    public (int Index, FaultKind Fault) Decide(Func<int, StorageRequest> describe)
    {
        lock (_gate)
        {
            var request = describe(++_requests);
            Recording?.Add(request);
            if (_dead)
            {
                return (request.Index, FaultKind.CrashBefore);
            }

            var fault = Script?.Invoke(request) ?? FaultKind.None;
            if (fault == FaultKind.None && InScope(request))
            {
                var draw = _random.NextDouble();
                fault = draw < UnavailableRate ? FaultKind.Unavailable
                    : draw < UnavailableRate + LostAnswerRate ? (_random.Next(2) == 0 ? FaultKind.LostAnswer : FaultKind.LostAnswerTimeout)
                    : FaultKind.None;
            }

            switch (fault)
            {
                case FaultKind.Unavailable:
                    _unavailable++;
                    break;
                case FaultKind.LostAnswer or FaultKind.LostAnswerTimeout:
                    _lostAnswers++;
                    break;
                case FaultKind.CrashBefore or FaultKind.CrashAfter:
                    _crashes++;
                    _dead = true;
                    break;
                default:
                    break;
            }

            return (request.Index, fault);
        }
    }
}
