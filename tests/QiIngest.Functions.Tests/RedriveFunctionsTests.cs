using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace QiIngest.Functions.Tests;

public class RedriveFunctionsTests
{
    [Fact]
    public void Triggers_ArePoisonQueueRetryQueueAndTheSweepTimerOfTheDataAccount()
    {
        var poison = Parameter<RedrivePoisonedUpload>().GetCustomAttribute<QueueTriggerAttribute>()!;
        var retry = Parameter<RetryUpload>().GetCustomAttribute<QueueTriggerAttribute>()!;
        var sweep = Parameter<Reconcile>().GetCustomAttribute<TimerTriggerAttribute>()!;

        Assert.Equal(("webjobs-blobtrigger-poison", "QiStorage"), (poison.QueueName, poison.Connection));
        Assert.Equal(("%QiIngest:Storage:RetryQueue%", "QiStorage"), (retry.QueueName, retry.Connection));
        Assert.Equal("0 */5 * * * *", sweep.Schedule);
    }

    private static ParameterInfo Parameter<T>() => typeof(T).GetMethod("RunAsync")!.GetParameters()[0];
}
