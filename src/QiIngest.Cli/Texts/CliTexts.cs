using System.Globalization;
using QiIngest.Core.Validation;

namespace QiIngest.Cli.Texts;

/// <summary>
/// Every help text, hint and message of <c>qi</c> that a person reads, in one place per language
/// (<see cref="EnglishTexts"/>, <see cref="ChineseTexts"/>). The language is <c>--lang zh|en</c>, else the system's UI
/// culture (<see cref="For"/>). JSON output is the same in both.
/// </summary>
internal abstract class CliTexts
{
    /// <summary>The global option's name.</summary>
    public const string LangOption = "--lang";

    public static CliTexts English { get; } = new EnglishTexts();

    public static CliTexts Chinese { get; } = new ChineseTexts();

    /// <summary><c>en</c> or <c>zh</c>.</summary>
    public abstract string Code { get; }

    /// <summary>The culture System.CommandLine's own texts (Usage:, Options:, parse errors) are shown in.</summary>
    public abstract CultureInfo Culture { get; }

    /// <summary>
    /// The language of <paramref name="args"/>' <c>--lang</c> (<c>--lang zh</c>, <c>--lang=zh</c>, <c>--lang:zh</c>), else of
    /// <paramref name="culture"/>: Chinese for zh, zh-CN, zh-Hans, zh-TW …, else English. An unknown value is left to the
    /// parser, which reports it (in the culture's language).
    /// </summary>
    public static CliTexts For(IReadOnlyList<string> args, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(culture);
        for (var i = 0; i < args.Count; i++)
        {
            var value = args[i] == LangOption && i + 1 < args.Count ? args[i + 1]
                : args[i].StartsWith(LangOption + "=", StringComparison.Ordinal) || args[i].StartsWith(LangOption + ":", StringComparison.Ordinal) ? args[i][(LangOption.Length + 1)..]
                : null;
            if (value is not null && ByCode(value) is { } chosen)
            {
                return chosen;
            }

            if (args[i] == "--")
            {
                break;
            }
        }

        for (var c = culture; !Equals(c, CultureInfo.InvariantCulture); c = c.Parent)
        {
            if (c.TwoLetterISOLanguageName == "zh")
            {
                return Chinese;
            }
        }

        return English;
    }

    /// <summary>The texts of a <c>--lang</c> value, or null when it names no language of <c>qi</c>.</summary>
    public static CliTexts? ByCode(string code) => code switch
    {
        "zh" => Chinese,
        "en" => English,
        _ => null,
    };

    // The root and the options every command shares.
    public abstract string RootDescription { get; }

    public abstract string LangDescription { get; }

    public abstract string HelpDescription { get; }

    public abstract string VersionDescription { get; }

    /// <summary>The help as System.CommandLine wrote it, with the headings its own resources leave in English in this language.</summary>
    public abstract string LocaliseHelp(string help);

    public abstract string UsageHint(string command);

    public abstract string Cancelled { get; }

    public abstract string Failed(string type, string message);

    public abstract string ReporterOption { get; }

    public abstract string PeriodOption { get; }

    public abstract string JsonOption { get; }

    public abstract string UnknownReporter(string text);

    public abstract string BadPeriod(string text, int min, int max);

    public abstract string IsAFolder(string path);

    public abstract string NoSuchFile(string path);

    public abstract string LimitsUnusable(string failures);

    // qi check
    public abstract string CheckDescription { get; }

    public abstract string CheckFile { get; }

    public abstract string CheckJson { get; }

    // qi rollup
    public abstract string RollupDescription { get; }

    public abstract string RollupDir { get; }

    public abstract string RollupJson { get; }

    public abstract string RollupStorage { get; }

    public abstract string RollupDirAndStorage { get; }

    public abstract string RollupNeedsDir { get; }

    public abstract string RollupDirIsAFile(string directory, string period);

    public abstract string RollupSummary(IReadOnlyList<string> published, IReadOnlyList<string> unchanged);

    // qi upload
    public abstract string UploadDescription { get; }

    public abstract string UploadFiles { get; }

    public abstract string UploadNoWait { get; }

    public abstract string UploadTimeout { get; }

    public abstract string TimeoutNotPositive(int seconds);

    public abstract string Uploaded(string file, string blob, string bytes);

    public abstract string WaitingForReceipts(int count, string seconds);

    public abstract string AlreadyHad(string blob, string reporter, string period, string? outcome, int? version);

    public abstract string NoReceiptInTime(string blobs, string seconds);

    // qi status
    public abstract string StatusDescription { get; }

    public abstract string StatusReporter { get; }

    public abstract string StatusPeriod { get; }

    public abstract string StatusScope(string? reporter, string? period);

    public abstract string NoAcceptedReturns(string scope, string endpoint);

    public abstract string CurrentVersions(string scope);

    public abstract string ColumnPeriod { get; }

    public abstract string ColumnReporter { get; }

    public abstract string ColumnVersion { get; }

    public abstract string ColumnFile { get; }

    public abstract string ColumnOutcome { get; }

    public abstract string ColumnProcessed { get; }

    public abstract string ColumnWarnings { get; }

    public abstract string StatusReceiptHint(string qi);

    public abstract string EveryoneReported(string period, int expected);

    public abstract string MissingReporters(string period, int missing, int expected, string names);

    // qi receipt
    public abstract string ReceiptDescription { get; }

    public abstract string ReceiptFile { get; }

    public abstract string ReceiptJson { get; }

    public abstract string ReceiptNamesAFolder(string given, string code);

    public abstract string NoReceipts(string container, string reporter, string period);

    public abstract string NoReceiptAt(string container, string name, string upload);

    public abstract string OtherReceipts(string files);

    // qi report
    public abstract string ReportDescription { get; }

    public abstract string ReportJson { get; }

    public abstract string ReportOpen { get; }

    public abstract string ReportOutput { get; }

    public abstract string Dashboard(string address);

    public abstract string Opened(string path);

    public abstract string SavedDashboard(string path);

    public abstract string NoReport(string period);

    // qi template
    public abstract string TemplateDescription { get; }

    public abstract string TemplateFormat { get; }

    public abstract string TemplateOutput { get; }

    public abstract string TemplateWritten(string path, int indicators, string reporter, string period, string checkCommand);

    // qi demo (its help; the run's narration is for the national team and stays English)
    public abstract string DemoDescription { get; }

    public abstract string DemoKeepRunning { get; }

    public abstract string DemoReset { get; }

    public abstract string DemoTimeout { get; }

    public abstract string DemoNeedsClone { get; }

    // Storage
    public abstract string ConnectionOption(string environmentVariable);

    public abstract string AccountUrlOption { get; }

    public abstract string BothTargets { get; }

    public abstract string BadAccountUrl(string url);

    public abstract string SettingsUnusable(string failures);

    public abstract string BadConnectionString(string detail);

    public abstract string CannotSignIn(string endpoint, string detail);

    public abstract string AccessRefused(string endpoint, int status, string? code);

    public abstract string Unreachable(string endpoint);

    public abstract string NoAnswer(string endpoint, string seconds);

    // Receipts as a person reads them
    public abstract string OutcomeAccepted { get; }

    public abstract string OutcomeWithWarnings { get; }

    public abstract string OutcomeRejected { get; }

    public abstract string ReceiptLine(string reporter, string period, int observations);

    public abstract string VersionPart(int version, int? replaces);

    public abstract string ProcessedPart(string time);

    public abstract string Totals { get; }

    public abstract string ColumnCode { get; }

    public abstract string ColumnValue { get; }

    public abstract string ColumnUnit { get; }

    public abstract string MissingValue { get; }

    public abstract string Changes { get; }

    public abstract string ColumnOld { get; }

    public abstract string ColumnNew { get; }

    public abstract string Errors { get; }

    public abstract string Warnings { get; }

    public abstract string ColumnType { get; }

    public abstract string ColumnRow { get; }

    public abstract string ColumnColumn { get; }

    public abstract string ColumnMessage { get; }

    public abstract string NotListed(int count, bool errors);

    public abstract string IssueCounts(int errors, int warnings);

    /// <summary>The issue's message in this language (the English one where a receipt has no other).</summary>
    public abstract string Message(Issue issue);
}
