using System.Globalization;
using QiIngest.Core.Validation;

namespace QiIngest.Cli.Texts;

/// <summary>The Chinese texts of <c>qi</c> (简体中文). Codes, option names and commands stay as they are typed.</summary>
internal sealed class ChineseTexts : CliTexts
{
    public override string Code => "zh";

    public override CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("zh-Hans");

    public override string RootDescription =>
        "qi：离线检查质量基础设施统计报表，上传报表并查看回执，查看报送情况，查看全国报告，从模板开始填报，"
        + "以及在本机运行整条流水线（qi demo）。\n"
        + "退出码：0 完成（已接收，有无警告均可）；1 被拒收，或未找到（没有回执、没有报告）；"
        + "2 命令行有误（缺少或未知的选项、文件不存在或是文件夹、未知的报送单位或有误的统计期；"
        + "只有 qi check 会像流水线一样把有误的报送单位、统计期或文件扩展名写成 path-error 回执并以 1 退出）；"
        + "3 无法连接存储或未按时收到回执；130 被中断（Ctrl+C）。";

    public override string LangDescription => "帮助和提示的语言：zh（中文）或 en（English）。默认跟随系统语言（中文系统为中文，否则为英文）。";

    public override string HelpDescription => "显示帮助和用法";

    public override string VersionDescription => "显示版本信息";

    public override string LocaliseHelp(string help)
    {
        ArgumentNullException.ThrowIfNull(help);
        return help.StartsWith("Description:", StringComparison.Ordinal) ? "说明:" + help["Description:".Length..] : help;
    }

    public override string UsageHint(string command) => $"用法请运行“{command} --help”。";

    public override string Cancelled => "已取消。";

    public override string Failed(string type, string message) => $"qi 出错：{type}：{message}";

    public override string ReporterOption => "报送单位：六位 GB/T 2260 代码（如 110000），国家局为 100000，或省份名称（北京、Beijing）。";

    public override string PeriodOption => "统计期：2000 至 2100 之间的年份 YYYY。";

    public override string JsonOption => "在标准输出上输出 JSON，而不是表格。";

    public override string UnknownReporter(string text) =>
        $"报送单位“{text}”不是 31 个省份之一，也不是国家局 100000：请用六位 GB/T 2260 代码（如 110000）或名称（如 北京）。";

    public override string BadPeriod(string text, int min, int max) => $"统计期“{text}”不是 {min} 至 {max} 之间的年份 YYYY：请写成 --period 2023 这样。";

    public override string IsAFolder(string path) => $"“{path}”是文件夹，不是文件：请给出其中一份报表的路径（.csv、.xlsx 或 .json）。";

    public override string NoSuchFile(string path) => $"文件“{path}”不存在：请给出报表的路径（.csv、.xlsx 或 .json）。";

    public override string LimitsUnusable(string failures) => $"QiIngest__Limits__* 中的上限设置不可用：{failures}";

    public override string CheckDescription => "像流水线一样离线检查一份报表，并显示其回执。退出码 0 已接收（有无警告均可），1 被拒收，2 命令行有误。";

    public override string CheckFile => "要检查的报表：.csv、.xlsx 或 .json 文件。";

    public override string CheckJson => "在标准输出上以 JSON 输出回执（报表制度第 9 节）。";

    public override string RollupDescription => "离线汇总一个文件夹中报表的某一统计期全国数据；或加 --storage，在存储上运行汇总。";

    public override string RollupDir => "按上传容器结构组织的文件夹：DIR/{reporter}/{period}/{file}。";

    public override string RollupJson => "在标准输出上以 JSON 输出汇总结果（报表制度第 10 节）。";

    public override string RollupStorage => "不用文件夹，而是立即在存储上运行流水线的汇总（与定时任务相同），并显示 --period 的已发布数据。";

    public override string RollupDirAndStorage => "请只给出文件夹 DIR 或 --storage 之一，不要同时给出。";

    public override string RollupNeedsDir => "请给出要汇总的文件夹（qi rollup DIR --period P），或用 --storage 汇总存储中的数据。";

    public override string RollupDirIsAFile(string directory, string period) =>
        $"“{directory}”是文件，不是文件夹：请给出按 {{reporter}}/{{period}}/{{file}} 组织的文件夹，或用 qi check FILE --reporter CODE --period {period} 检查单个文件。";

    public override string RollupSummary(IReadOnlyList<string> published, IReadOnlyList<string> unchanged) => (published.Count, unchanged.Count) switch
    {
        (0, 0) => "汇总：还没有任何统计期有已接收的报表。",
        (0, _) => $"汇总：自上次运行以来没有变化（{string.Join("、", unchanged)} 未变）；未重写任何内容。",
        (_, 0) => $"汇总：已发布 {string.Join("、", published)}。",
        _ => $"汇总：已发布 {string.Join("、", published)}；{string.Join("、", unchanged)} 未变。",
    };

    public override string UploadDescription => "把报表上传到 uploads/{reporter}/{period}/{file}，等待并显示回执。退出码 0 已接收，1 被拒收，3 无法连接存储或未按时收到回执。";

    public override string UploadFiles => "要上传的报表（.csv、.xlsx 或 .json）。";

    public override string UploadNoWait => "上传后立即退出，不等待回执。";

    public override string UploadTimeout => "等待回执的秒数（默认 120）。";

    public override string TimeoutNotPositive(int seconds) => $"--timeout 必须是正的秒数，不能是 {seconds}。";

    public override string Uploaded(string file, string blob, string bytes) => $"已把 {file} 上传到 {blob}（{bytes} 字节）。";

    public override string WaitingForReceipts(int count, string seconds) => $"正在等待{(count == 1 ? "回执" : $" {count} 份回执")}（最多 {seconds} 秒）……";

    public override string AlreadyHad(string blob, string reporter, string period, string? outcome, int? version) =>
        $"{blob}：流水线已有 {reporter} {period} 的这份内容（{outcome}{(version is int v ? $"，版本 {v}" : "")}），因此没有生成新版本。";

    public override string NoReceiptInTime(string blobs, string seconds) =>
        $"{seconds} 秒内没有收到 {blobs} 的回执：流水线在运行吗？可用 `qi demo --keep-running` 在本机启动，或用 --timeout 等待更久。";

    public override string StatusDescription => "显示每个报送单位当前已接收的版本（版本、文件、结果、时间、警告数）以及尚未报送的单位。";

    public override string StatusReporter => "只看这个报送单位（代码或名称）。";

    public override string StatusPeriod => "只看这个统计期（YYYY）；并列出该期尚未报送的单位。";

    public override string StatusScope(string? reporter, string? period) => (reporter, period) switch
    {
        (null, null) => "",
        (null, _) => $"（统计期 {period}）",
        (_, null) => $"（报送单位 {reporter}）",
        _ => $"（报送单位 {reporter}，统计期 {period}）",
    };

    public override string NoAcceptedReturns(string scope, string endpoint) => $"{endpoint} 中没有已接收的报表{scope}。";

    public override string CurrentVersions(string scope) => $"当前版本{scope}";

    public override string ColumnPeriod => "统计期";

    public override string ColumnReporter => "报送单位";

    public override string ColumnVersion => "版本";

    public override string ColumnFile => "文件";

    public override string ColumnOutcome => "结果";

    public override string ColumnProcessed => "处理时间";

    public override string ColumnWarnings => "警告";

    public override string StatusReceiptHint(string qi) => $"用 {qi} receipt --reporter CODE --period P 查看回执中的警告和错误。";

    public override string EveryoneReported(string period, int expected) => $"{period}：全部 {expected} 个应报单位都有已接收的版本。";

    public override string MissingReporters(string period, int missing, int expected, string names) => $"{period}：{expected} 个应报单位中缺 {missing} 个：{names}";

    public override string ReceiptDescription => "显示已存储的回执：结果、合计、与被替换版本相比的变化，以及每个错误和警告的行和列。退出码 0 已接收，1 被拒收或没有回执。";

    public override string ReceiptFile => "上传文件的名称（即 uploads/{reporter}/{period}/{file} 中的文件名）；本地路径只取其文件名。默认：当前已接收的版本，否则为最近一次上传。";

    public override string ReceiptJson => "按存储的原样输出回执（报表制度第 9 节）。";

    public override string ReceiptNamesAFolder(string given, string code) => $"“{given}”是文件夹，不是文件：请给出上传文件的名称，例如 {code}.csv。";

    public override string NoReceipts(string container, string reporter, string period) =>
        $"{container}/{reporter}/{period}/ 中没有 {reporter} {period} 的回执：该单位还没有报表被处理；请用 qi upload FILE --reporter {reporter} --period {period} 上传报表。";

    public override string NoReceiptAt(string container, string name, string upload) => $"{container}/{name} 没有回执：流水线（还）没有处理 uploads/{upload}。";

    public override string OtherReceipts(string files) => $"该报送单位和统计期的其他回执（最新的在前；可作为 FILE 给出）：{files}。";

    public override string ReportDescription => "从 reports/{period}/national.json 显示某一统计期的全国数据表及其仪表板地址。";

    public override string ReportJson => "按存储的原样输出 reports/{period}/national.json。";

    public override string ReportOpen => "下载仪表板（index.html）并在浏览器中打开（xdg-open），或显示保存位置。";

    public override string ReportOutput => "--open 保存仪表板的位置（默认 out/dashboard-{period}.html）。";

    public override string Dashboard(string address) => $"仪表板：{address}";

    public override string Opened(string path) => $"已打开 {path}。";

    public override string SavedDashboard(string path) => $"仪表板已保存到 {path}：请在浏览器中打开。";

    public override string NoReport(string period) =>
        $"{period} 还没有报告：{period} 有报表被接收且汇总运行之后，才会发布 reports/{period}/（qi rollup --storage --period {period}，或 qi demo）。";

    public override string TemplateDescription => "为报送单位和统计期生成一份空白报表，含该单位应报的指标（中英文名称），填好即可上传。";

    public override string TemplateFormat => "csv 或 xlsx（默认 csv）。";

    public override string TemplateOutput => "写到哪里（默认为当前文件夹中的 {reporter}-{period}-template.{format}）。";

    public override string TemplateWritten(string path, int indicators, string reporter, string period, string checkCommand) =>
        $"已写入 {path}：{reporter} {period} 的 {indicators} 个指标。请填写数值列，然后运行：{checkCommand}";

    public override string DemoDescription => "用示例报表在本机运行整条流水线：Azurite、本地主机、上传、回执、汇总、全国数据表和仪表板（out/dashboard-2023.html）。";

    public override string DemoKeepRunning => "结束后让 Azurite 和本地主机继续运行，供 qi upload、qi status 和 qi report 使用；按 Ctrl+C 停止。";

    public override string DemoReset => "从空存储开始：删除之前运行留在 .azurite/ 中的数据（仅当 qi demo 自己启动 Azurite 时）。";

    public override string DemoTimeout => "等待回执的秒数（默认 180）。";

    public override string DemoNeedsClone => "qi demo 需要在代码仓库的克隆中运行（需要 samples/uploads 和 eng/azurite）：请进入克隆目录，或运行 bash eng/demo.sh。";

    public override string ConnectionOption(string environmentVariable) =>
        $"存储连接字符串。未给出它和 --account-url 时：使用环境变量 {environmentVariable}，否则使用本机的 Azurite（UseDevelopmentStorage=true）。";

    public override string AccountUrlOption => "存储账户的 Blob 服务地址，如 https://NAME.blob.core.windows.net，用 DefaultAzureCredential 登录（az login、托管标识……）。";

    public override string BothTargets => "请只给出 --connection 或 --account-url 之一，不要同时给出。";

    public override string BadAccountUrl(string url) => $"--account-url“{url}”不是网址：请写成 https://NAME.blob.core.windows.net 这样。";

    public override string SettingsUnusable(string failures) => $"QiIngest__* 设置不可用：{failures}";

    public override string BadConnectionString(string detail) =>
        $"存储连接字符串无效（{detail}）：请给出 'UseDevelopmentStorage=true' 或 'DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…' 这样的连接字符串。";

    public override string CannotSignIn(string endpoint, string detail) => $"无法登录 {endpoint} 的存储（{detail}）：请运行 'az login'，或给出 --connection。";

    public override string AccessRefused(string endpoint, int status, string? code) => $"{endpoint} 的存储拒绝访问（{status} {code}）：请检查您在该账户上的角色，或给出 --connection。";

    public override string Unreachable(string endpoint) => $"无法连接 {endpoint} 的存储：请用 `qi demo` 启动 Azurite，或给出 --connection。";

    public override string NoAnswer(string endpoint, string seconds) =>
        $"{endpoint} 的存储接受了连接，但 {seconds} 秒内没有应答：它是 Azurite 或存储账户吗？请用 `qi demo` 启动 Azurite，或检查连接字符串（--connection 或 QiStorage）。";

    public override string OutcomeAccepted => "已接收";

    public override string OutcomeWithWarnings => "已接收（有警告）";

    public override string OutcomeRejected => "被拒收";

    public override string ReceiptLine(string reporter, string period, int observations) => $"报送单位 {reporter} · 统计期 {period} · {observations} 个观测值";

    public override string VersionPart(int version, int? replaces) => $" · 版本 {version}" + (replaces is int s ? $"（替换版本 {s}）" : "");

    public override string ProcessedPart(string time) => $" · 处理于 {time}";

    public override string Totals => "合计";

    public override string ColumnCode => "代码";

    public override string ColumnValue => "数值";

    public override string ColumnUnit => "单位";

    public override string MissingValue => "— 缺失";

    public override string Changes => "与被替换版本相比的变化";

    public override string ColumnOld => "原值";

    public override string ColumnNew => "新值";

    public override string Errors => "错误";

    public override string Warnings => "警告";

    public override string ColumnType => "类型";

    public override string ColumnRow => "行";

    public override string ColumnColumn => "列";

    public override string ColumnMessage => "说明";

    public override string NotListed(int count, bool errors) => $"……另有 {count} 个{(errors ? "错误" : "警告")}未列出。";

    public override string IssueCounts(int errors, int warnings) => $"{errors} 个错误，{warnings} 个警告。";

    public override string Message(Issue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return issue.MessageZh ?? issue.Message;
    }
}
