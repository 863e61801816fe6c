using System.Globalization;
using QiIngest.Core.Validation;

namespace QiIngest.Cli.Texts;

/// <summary>The English texts of <c>qi</c>.</summary>
internal sealed class EnglishTexts : CliTexts
{
    public override string Code => "en";

    public override CultureInfo Culture => CultureInfo.InvariantCulture;

    public override string RootDescription =>
        "qi: check quality-infrastructure returns offline, upload them and read their receipts, see what has been reported, "
        + "read the national report, start from a template, and run the whole pipeline locally (qi demo).\n"
        + ExitCodes.Summary;

    public override string LangDescription => "The language of help and messages: zh (中文) or en (English). Default: the system's language (Chinese on a Chinese system, else English).";

    public override string HelpDescription => "Show help and usage information";

    public override string VersionDescription => "Show version information";

    public override string LocaliseHelp(string help) => help;

    public override string UsageHint(string command) => $"Run '{command} --help' for usage.";

    public override string Cancelled => "Cancelled.";

    public override string Failed(string type, string message) => $"qi failed: {type}: {message}";

    public override string ReporterOption => "The reporter: a six-digit GB/T 2260 code (110000), 100000 for the national administration, or a province's name (北京, Beijing).";

    public override string PeriodOption => "The period: a year YYYY from 2000 to 2100.";

    public override string JsonOption => "Print JSON on standard output instead of tables.";

    public override string UnknownReporter(string text) =>
        $"The reporter '{text}' is not one of the 31 provinces or the national administration 100000: use a six-digit GB/T 2260 code such as 110000, or a name such as Beijing.";

    public override string BadPeriod(string text, int min, int max) => $"The period '{text}' is not a year YYYY from {min} to {max}: give it like --period 2023.";

    public override string IsAFolder(string path) => $"'{path}' is a folder, not a file: give the path of a return in it (.csv, .xlsx or .json).";

    public override string NoSuchFile(string path) => $"The file '{path}' does not exist: give the path of a return (.csv, .xlsx or .json).";

    public override string LimitsUnusable(string failures) => $"The limits in QiIngest__Limits__* are not usable: {failures}";

    public override string CheckDescription => "Check a return offline, as the pipeline would, and print its receipt. Exit 0 accepted (with or without warnings), 1 rejected, 2 usage error.";

    public override string CheckFile => "The return to check: a .csv, .xlsx or .json file.";

    public override string CheckJson => "Print the receipt (section 9 of the reporting form) as JSON on standard output.";

    public override string RollupDescription => "Roll up the national figures of a period from a folder of returns, offline; or, with --storage, run the rollup on storage.";

    public override string RollupDir => "A folder laid out like the uploads container: DIR/{reporter}/{period}/{file}.";

    public override string RollupJson => "Print the rollup (section 10 of the reporting form) as JSON on standard output.";

    public override string RollupStorage => "Instead of a folder, run the pipeline's rollup on storage now (as the timer would) and print the published figures of --period.";

    public override string RollupDirAndStorage => "Give either a folder DIR or --storage, not both.";

    public override string RollupNeedsDir => "Give the folder to roll up (qi rollup DIR --period P), or --storage to roll up what storage holds.";

    public override string RollupDirIsAFile(string directory, string period) =>
        $"'{directory}' is a file, not a folder: give a folder laid out as {{reporter}}/{{period}}/{{file}}, or check one file with qi check FILE --reporter CODE --period {period}.";

    public override string RollupSummary(IReadOnlyList<string> published, IReadOnlyList<string> unchanged) => (published.Count, unchanged.Count) switch
    {
        (0, 0) => "Rollup: no period has an accepted return yet.",
        (0, _) => $"Rollup: nothing changed since the last run ({string.Join(", ", unchanged)} unchanged); nothing was rewritten.",
        (_, 0) => $"Rollup: published {string.Join(", ", published)}.",
        _ => $"Rollup: published {string.Join(", ", published)}; {string.Join(", ", unchanged)} unchanged.",
    };

    public override string UploadDescription => "Upload returns to uploads/{reporter}/{period}/{file}, wait for their receipts and print them. Exit 0 accepted, 1 rejected, 3 storage unreachable or no receipt in time.";

    public override string UploadFiles => "The returns to upload (.csv, .xlsx or .json).";

    public override string UploadNoWait => "Upload and exit without waiting for the receipts.";

    public override string UploadTimeout => "How many seconds to wait for the receipts (default 120).";

    public override string TimeoutNotPositive(int seconds) => $"--timeout must be a positive number of seconds, not {seconds}.";

    public override string Uploaded(string file, string blob, string bytes) => $"Uploaded {file} to {blob} ({bytes} bytes).";

    public override string WaitingForReceipts(int count, string seconds) => $"Waiting for {(count == 1 ? "the receipt" : $"{count} receipts")} (up to {seconds} s) …";

    public override string AlreadyHad(string blob, string reporter, string period, string? outcome, int? version) =>
        $"{blob}: the pipeline already had these bytes for {reporter} {period} ({outcome}{(version is int v ? $", version {v}" : "")}), so it made no new version.";

    public override string NoReceiptInTime(string blobs, string seconds) =>
        $"No receipt for {blobs} within {seconds} s: is the pipeline running? Start it locally with `qi demo --keep-running`, or wait longer with --timeout.";

    public override string StatusDescription => "Show the current accepted version of each reporter (version, file, outcome, when, warnings) and the reporters still missing.";

    public override string StatusReporter => "Only this reporter (code or name).";

    public override string StatusPeriod => "Only this period (YYYY); the missing reporters are listed for it.";

    public override string StatusScope(string? reporter, string? period) => (reporter, period) switch
    {
        (null, null) => "",
        (null, _) => $" for {period}",
        (_, null) => $" for {reporter}",
        _ => $" for {reporter} in {period}",
    };

    public override string NoAcceptedReturns(string scope, string endpoint) => $"No accepted returns{scope} in {endpoint}.";

    public override string CurrentVersions(string scope) => $"Current versions{scope}";

    public override string ColumnPeriod => "Period";

    public override string ColumnReporter => "Reporter";

    public override string ColumnVersion => "Version";

    public override string ColumnFile => "File";

    public override string ColumnOutcome => "Outcome";

    public override string ColumnProcessed => "Processed";

    public override string ColumnWarnings => "Warnings";

    public override string StatusReceiptHint(string qi) => $"{qi} receipt --reporter CODE --period P shows a receipt's warnings and errors.";

    public override string EveryoneReported(string period, int expected) => $"{period}: every expected reporter ({expected}) has an accepted version.";

    public override string MissingReporters(string period, int missing, int expected, string names) => $"{period}: missing {missing} of {expected}: {names}";

    public override string ReceiptDescription => "Show a stored receipt: outcome, totals, changes from the replaced version, and every error and warning with its row and column. Exit 0 accepted, 1 rejected or no receipt.";

    public override string ReceiptFile => "The uploaded file's name (as in uploads/{reporter}/{period}/{file}); a local path is taken by its name. Default: the current accepted version, else the latest upload.";

    public override string ReceiptJson => "Print the receipt as it is stored (section 9 of the reporting form).";

    public override string ReceiptNamesAFolder(string given, string code) => $"'{given}' names a folder, not a file: give the uploaded file's name, such as {code}.csv.";

    public override string NoReceipts(string container, string reporter, string period) =>
        $"There is no receipt for {reporter} {period} in {container}/{reporter}/{period}/: nothing of theirs has been processed; upload a return with qi upload FILE --reporter {reporter} --period {period}.";

    public override string NoReceiptAt(string container, string name, string upload) => $"There is no receipt at {container}/{name}: the pipeline has not processed uploads/{upload} (yet).";

    public override string OtherReceipts(string files) => $"Other receipts of this reporter and period (newest first; give one as FILE): {files}.";

    public override string ReportDescription => "Print the national table of a period from reports/{period}/national.json and the address of its dashboard.";

    public override string ReportJson => "Print reports/{period}/national.json as it is stored.";

    public override string ReportOpen => "Download the dashboard (index.html) and open it in the browser (xdg-open), or print where it was saved.";

    public override string ReportOutput => "Where --open saves the dashboard (default out/dashboard-{period}.html).";

    public override string Dashboard(string address) => $"Dashboard: {address}";

    public override string Opened(string path) => $"Opened {path}.";

    public override string SavedDashboard(string path) => $"Saved the dashboard to {path}: open it in a browser.";

    public override string NoReport(string period) =>
        $"There is no report for {period} yet: the rollup publishes reports/{period}/ once a return of {period} is accepted and the rollup has run (qi rollup --storage --period {period}, or qi demo).";

    public override string TemplateDescription => "Write an empty return for a reporter and period, with the indicators it reports, in Chinese and English, ready to fill in and upload.";

    public override string TemplateFormat => "csv or xlsx (default csv).";

    public override string TemplateOutput => "Where to write it (default {reporter}-{period}-template.{format} in the current folder).";

    public override string TemplateWritten(string path, int indicators, string reporter, string period, string checkCommand) =>
        $"Wrote {path}: {indicators} indicators for {reporter}, {period}. Fill in the value column, then: {checkCommand}";

    public override string DemoDescription => "Run the whole pipeline locally with the sample returns: Azurite, the local host, uploads, receipts, rollup, national tables and the dashboard (out/dashboard-2023.html).";

    public override string DemoKeepRunning => "Keep Azurite and the local host running afterwards, for qi upload, qi status and qi report; stop with Ctrl+C.";

    public override string DemoReset => "Start from empty storage: delete what earlier runs left in .azurite/ (only when qi demo starts Azurite itself).";

    public override string DemoTimeout => "How many seconds to wait for the receipts (default 180).";

    public override string DemoNeedsClone => "qi demo runs from a clone of the repository (it needs samples/uploads and eng/azurite): cd into the clone, or run bash eng/demo.sh.";

    public override string ConnectionOption(string environmentVariable) =>
        $"A storage connection string. Without it and without --account-url: the {environmentVariable} environment variable, else Azurite on this machine (UseDevelopmentStorage=true).";

    public override string AccountUrlOption => "The blob service URL of a storage account, such as https://NAME.blob.core.windows.net, signed in with DefaultAzureCredential (az login, a managed identity, …).";

    public override string BothTargets => "Give either --connection or --account-url, not both.";

    public override string BadAccountUrl(string url) => $"--account-url '{url}' is not a URL: give it like https://NAME.blob.core.windows.net.";

    public override string SettingsUnusable(string failures) => $"The settings QiIngest__* are not usable: {failures}";

    public override string BadConnectionString(string detail) =>
        $"The storage connection string is not valid ({detail}): pass one like 'UseDevelopmentStorage=true' or 'DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…'.";

    public override string CannotSignIn(string endpoint, string detail) => $"Cannot sign in to storage at {endpoint} ({detail}): run 'az login', or pass --connection.";

    public override string AccessRefused(string endpoint, int status, string? code) => $"Storage at {endpoint} refused access ({status} {code}): check your role on the account, or pass --connection.";

    public override string Unreachable(string endpoint) => $"Cannot reach storage at {endpoint}: start Azurite with `qi demo` or pass --connection.";

    public override string NoAnswer(string endpoint, string seconds) =>
        $"Storage at {endpoint} accepted the connection but did not answer within {seconds} s: is it Azurite or a storage account? Start Azurite with `qi demo`, or check the connection string (--connection or QiStorage).";

    public override string OutcomeAccepted => "accepted";

    public override string OutcomeWithWarnings => "accepted with warnings";

    public override string OutcomeRejected => "rejected";

    public override string ReceiptLine(string reporter, string period, int observations) => $"reporter {reporter} · period {period} · {observations} observations";

    public override string VersionPart(int version, int? replaces) => $" · version {version}" + (replaces is int s ? $" (replaces {s})" : "");

    public override string ProcessedPart(string time) => $" · processed {time}";

    public override string Totals => "Totals";

    public override string ColumnCode => "Code";

    public override string ColumnValue => "Value";

    public override string ColumnUnit => "Unit";

    public override string MissingValue => "— missing";

    public override string Changes => "Changes from the replaced version";

    public override string ColumnOld => "Old";

    public override string ColumnNew => "New";

    public override string Errors => "Errors";

    public override string Warnings => "Warnings";

    public override string ColumnType => "Type";

    public override string ColumnRow => "Row";

    public override string ColumnColumn => "Column";

    public override string ColumnMessage => "Message";

    public override string NotListed(int count, bool errors) => $"… and {count} more {(errors ? "errors" : "warnings")} not listed.";

    public override string IssueCounts(int errors, int warnings) => $"{errors} error(s), {warnings} warning(s).";

    public override string Message(Issue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return issue.Message;
    }
}
