// i18n.js — every text of the portal, in Chinese and English.
//
// Structure: `texts` holds one dictionary per language with the same keys; `t(key, args)` looks a key up in the current
// language and fills `{name}` holes from `args`. Elements made with a key (data-i18n, data-args) or with both
// languages (data-zh, data-en: texts that come from the API, such as a receipt's messages) are re-written in place by
// `applyLanguage()` when the language changes, so switching never reloads data. The language is remembered in
// localStorage["qi.lang"]; the first default comes from navigator.language.

const texts = {
  zh: {
    'app.title': '质量基础设施统计报送',
    'app.subtitle': '各省市场监管局报送年度数据，国家局查看汇总',
    'app.signOut': '退出',
    'app.dismiss': '关闭',
    'app.loading': '加载中…',
    'app.langToggle': 'English',
    'app.signedInAs': '{user}（{role}）',
    'app.national': '国家局',
    'app.reporter': '报送单位 {code}',
    'app.noRole': '您的账号没有本系统的角色（National 或 Reporter.代码），请联系国家局分配。',
    'app.notFound': '没有这个页面：{hash}',
    'signin.title': '登录',
    'signin.devNote': '本地开发登录：选择一个角色。',
    'signin.entraNote': '使用单位的 Microsoft Entra ID 账号登录。',
    'signin.role': '角色',
    'signin.button': '登录',
    'signin.notConfigured': '未配置登录（AzureAd:TenantId 与 AzureAd:ClientId），请联系管理员。',
    'signin.failed': '登录失败',
    'period.label': '统计年度',
    'reporter.title': '（{code}）{period} 年度报表',
    'template.title': '1. 下载模板',
    'template.csv': '下载 CSV 模板',
    'template.xlsx': '下载 Excel 模板',
    'upload.title': '2. 上传报表',
    'upload.drop': '把文件拖到这里，或点击选择文件（CSV、XLSX 或 JSON）',
    'upload.pending': '待上传：{name}（{size}）',
    'upload.replace': '上传后将替换当前第 {version} 版（{when} 通过）。',
    'upload.confirm': '确认上传',
    'upload.cancel': '取消',
    'upload.sending': '正在上传 {name}…',
    'upload.waiting': '已上传，正在校验，回执稍后自动显示…',
    'upload.slow': '回执还没有生成；稍后刷新本页查看。',
    'upload.failedTitle': '上传失败',
    'upload.failedDetail': '存储服务返回 {status}：{detail}。请重试；如仍失败，请联系国家局。',
    'receipt.title': '3. 回执',
    'receipt.summary': '{file}：{outcome}',
    'receipt.version': '第 {version} 版',
    'receipt.supersedes': '，替换第 {version} 版',
    'receipt.counts': '{errors} 个错误，{warnings} 个警告，{observations} 条数据',
    'receipt.none': '没有错误或警告。',
    'receipt.changes': '与上一版相比的变化',
    'outcome.accepted': '已通过',
    'outcome.accepted-with-warnings': '已通过（有警告）',
    'outcome.rejected': '未通过',
    'col.severity': '级别',
    'col.row': '行',
    'col.column': '列',
    'col.code': '类型',
    'col.message': '说明',
    'col.hint': '怎么办',
    'severity.error': '错误',
    'severity.warning': '警告',
    'versions.title': '历次版本',
    'versions.empty': '还没有上传。',
    'versions.processing': '处理中：{files}',
    'col.version': '版本',
    'col.when': '时间',
    'col.file': '文件',
    'col.outcome': '结果',
    'col.changes': '变化',
    'versions.rejected': '未通过',
    'versions.first': '首版',
    'versions.noChange': '无变化',
    'versions.errors': '{count} 个错误，第一个：{type}（第 {row} 行）',
    'national.title': '{period} 年度全国汇总',
    'coverage.title': '报送情况',
    'coverage.counts': '应报 {expected}，已收到 {received}，已通过 {accepted}，逾期 {late}，未报 {missing}',
    'coverage.deadline': '截止时间：{deadline}',
    'col.reporter': '单位',
    'col.state': '状态',
    'col.late': '逾期',
    'state.accepted': '已通过',
    'state.rejected': '未通过',
    'state.processing': '处理中',
    'state.missing': '未报',
    'late.yes': '逾期 {days} 天',
    'late.no': '—',
    'reports.title': '仪表板与报告',
    'reports.none': '本年度还没有发布报告。',
    'city.title': '地市明细',
    'city.indicator': '指标',
    'city.reporter': '省份',
    'city.none': '没有地市数据。',
    'col.regionCode': '区划代码',
    'col.regionName': '地区',
    'col.value': '数值',
    'col.unit': '单位',
    'col.note': '备注',
    'hint.path-error': '按 {reporter}/{period}/文件名 上传，代码为六位行政区划代码。',
    'hint.encoding-error': '另存为 UTF-8（或 GB18030）编码后重新上传。',
    'hint.format-error': '从本页下载模板，按模板的表头填写后重新上传。',
    'hint.reporter-mismatch': '文件中的单位应与本页的单位一致；请改正单位或在正确的页面上传。',
    'hint.period-mismatch': '文件中的年度应与本页的年度一致。',
    'hint.unknown-indicator': '使用模板中的指标代码或名称。',
    'hint.wrong-reporter': '删除本单位不报送的指标行。',
    'hint.type-error': '填写数字，不要带文字或符号。',
    'hint.unit-error': '使用该指标的单位（见模板的 unit 列）。',
    'hint.approximate-value': '填写准确数值，去掉“约”“余”等字。',
    'hint.constraint-error': '检查数值：不能为负，个数为整数，比率在 0 到 100 之间。',
    'hint.duplicate-row': '删除重复的行，每个指标和地区只填一次。',
    'hint.row-constraint': '民营机构数不能超过机构总数，请核对。',
    'hint.limit-exceeded': '文件超过限制，请拆分或删除多余内容。',
    'hint.missing-cell': '补填数值；确实缺失可留空。',
    'hint.extra-label': '多余的列不会被读取，可以删除。',
    'hint.total-mismatch': '核对合计行与各地市之和。',
    'hint.yoy-outlier': '与上年相比变化超过 50%，请确认数值无误。',
    'hint.missing-indicator': '补充缺少的指标。',
    'hint.skipped-row': '该行没有指标和数值，已跳过；如有数据请补全。',
  },
  en: {
    'app.title': 'Quality infrastructure statistics',
    'app.subtitle': 'Provincial bureaus report yearly figures; the national team reads the totals',
    'app.signOut': 'Sign out',
    'app.dismiss': 'Dismiss',
    'app.loading': 'Loading…',
    'app.langToggle': '中文',
    'app.signedInAs': '{user} ({role})',
    'app.national': 'National',
    'app.reporter': 'reporter {code}',
    'app.noRole': 'Your account has no role in this portal (National or Reporter.code): ask the national team to assign one.',
    'app.notFound': 'There is no page {hash}.',
    'signin.title': 'Sign in',
    'signin.devNote': 'Local development sign-in: choose a role.',
    'signin.entraNote': 'Sign in with your organisation’s Microsoft Entra ID account.',
    'signin.role': 'Role',
    'signin.button': 'Sign in',
    'signin.notConfigured': 'Sign-in is not configured (AzureAd:TenantId and AzureAd:ClientId): ask the administrator.',
    'signin.failed': 'Sign-in failed',
    'period.label': 'Period',
    'reporter.title': '({code}), return of {period}',
    'template.title': '1. Download the template',
    'template.csv': 'Download the CSV template',
    'template.xlsx': 'Download the Excel template',
    'upload.title': '2. Upload the return',
    'upload.drop': 'Drop a file here, or click to choose one (CSV, XLSX or JSON)',
    'upload.pending': 'To upload: {name} ({size})',
    'upload.replace': 'This upload will replace version {version}, accepted at {when}.',
    'upload.confirm': 'Confirm upload',
    'upload.cancel': 'Cancel',
    'upload.sending': 'Uploading {name}…',
    'upload.waiting': 'Uploaded; being checked. The receipt appears here by itself…',
    'upload.slow': 'The receipt is not ready yet: reload this page later to see it.',
    'upload.failedTitle': 'The upload failed',
    'upload.failedDetail': 'Storage answered {status}: {detail}. Try again; if it fails again, tell the national team.',
    'receipt.title': '3. Receipt',
    'receipt.summary': '{file}: {outcome}',
    'receipt.version': 'version {version}',
    'receipt.supersedes': ', replacing version {version}',
    'receipt.counts': '{errors} errors, {warnings} warnings, {observations} observations',
    'receipt.none': 'No errors or warnings.',
    'receipt.changes': 'Changes against the previous version',
    'outcome.accepted': 'accepted',
    'outcome.accepted-with-warnings': 'accepted with warnings',
    'outcome.rejected': 'rejected',
    'col.severity': 'Severity',
    'col.row': 'Row',
    'col.column': 'Column',
    'col.code': 'Type',
    'col.message': 'Message',
    'col.hint': 'What to do',
    'severity.error': 'error',
    'severity.warning': 'warning',
    'versions.title': 'Versions',
    'versions.empty': 'Nothing uploaded yet.',
    'versions.processing': 'Being processed: {files}',
    'col.version': 'Version',
    'col.when': 'When',
    'col.file': 'File',
    'col.outcome': 'Outcome',
    'col.changes': 'Changes',
    'versions.rejected': 'rejected',
    'versions.first': 'first version',
    'versions.noChange': 'no change',
    'versions.errors': '{count} errors; the first: {type} (row {row})',
    'national.title': 'National totals, {period}',
    'coverage.title': 'Coverage',
    'coverage.counts': '{expected} expected, {received} received, {accepted} accepted, {late} late, {missing} missing',
    'coverage.deadline': 'Deadline: {deadline}',
    'col.reporter': 'Reporter',
    'col.state': 'State',
    'col.late': 'Late',
    'state.accepted': 'accepted',
    'state.rejected': 'rejected',
    'state.processing': 'processing',
    'state.missing': 'missing',
    'late.yes': '{days} days late',
    'late.no': '—',
    'reports.title': 'Dashboard and reports',
    'reports.none': 'No reports are published for this period yet.',
    'city.title': 'City detail',
    'city.indicator': 'Indicator',
    'city.reporter': 'Province',
    'city.none': 'No city rows.',
    'col.regionCode': 'Region code',
    'col.regionName': 'Region',
    'col.value': 'Value',
    'col.unit': 'Unit',
    'col.note': 'Note',
    'hint.path-error': 'Upload as {reporter}/{period}/file name, with the six-digit region code.',
    'hint.encoding-error': 'Save the file as UTF-8 (or GB18030) and upload it again.',
    'hint.format-error': 'Download the template from this page, keep its header, and upload again.',
    'hint.reporter-mismatch': 'The reporter in the file must be this page’s: correct it, or upload on the right page.',
    'hint.period-mismatch': 'The period in the file must be this page’s.',
    'hint.unknown-indicator': 'Use an indicator code or name from the template.',
    'hint.wrong-reporter': 'Delete the rows of indicators this reporter does not report.',
    'hint.type-error': 'Write a number, without words or symbols.',
    'hint.unit-error': 'Use the indicator’s unit (the template’s unit column).',
    'hint.approximate-value': 'Write the exact value, without 约 or 余.',
    'hint.constraint-error': 'Check the value: not negative, counts whole, rates from 0 to 100.',
    'hint.duplicate-row': 'Delete the repeated row: each indicator and region once.',
    'hint.row-constraint': 'Private institutions cannot exceed all institutions: check both.',
    'hint.limit-exceeded': 'The file is over a limit: split it or remove what is not needed.',
    'hint.missing-cell': 'Fill in the value; leave it empty only if it is really missing.',
    'hint.extra-label': 'The extra column is not read; you may delete it.',
    'hint.total-mismatch': 'Check the total row against the sum of the cities.',
    'hint.yoy-outlier': 'It changed by more than 50% on the year before: make sure it is right.',
    'hint.missing-indicator': 'Add the missing indicator.',
    'hint.skipped-row': 'The row has no indicator and no value and was skipped: complete it if it holds data.',
  },
};

const stored = localStorage.getItem('qi.lang');
let lang = stored === 'zh' || stored === 'en' ? stored : (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';

/** The current language: 'zh' or 'en'. */
export function language() { return lang; }

/** The text of `key` in the current language, with `{name}` holes filled from `args`. */
export function t(key, args = {}) {
  const text = texts[lang][key] ?? texts.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in args ? String(args[name]) : `{${name}}`));
}

/** Marks `element` as showing `key` (re-written on a language change) and writes it now. */
export function bind(element, key, args) {
  element.dataset.i18n = key;
  if (args) element.dataset.args = JSON.stringify(args);
  else delete element.dataset.args;
  element.textContent = t(key, args);
  return element;
}

/** A date and time in the page's language, China time (the reporting form's time zone). */
export function formatTime(iso) {
  if (!iso) return '—';
  // China Standard Time, wherever the browser is, with the zone said.
  const time = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(iso));
  return lang === 'zh' ? `${time}（北京时间）` : `${time} China time`;
}

/** A number in the page's language, with the decimals it has. */
export function formatNumber(value) {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 6 }).format(value);
}

/** Switches to `next` ('zh' or 'en'), remembers it, and re-writes every marked element below `root`. */
export function applyLanguage(next = lang, root = document) {
  lang = next;
  localStorage.setItem('qi.lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n, element.dataset.args ? JSON.parse(element.dataset.args) : undefined);
  }
  for (const element of root.querySelectorAll('[data-zh]')) {
    element.textContent = lang === 'zh' ? element.dataset.zh || element.dataset.en : element.dataset.en;
  }
  for (const element of root.querySelectorAll('[data-time]')) {
    element.textContent = formatTime(element.dataset.time);
  }
  for (const element of root.querySelectorAll('[data-number]')) {
    element.textContent = formatNumber(element.dataset.number === '' ? null : Number(element.dataset.number));
  }
  document.title = t('app.title');
}
