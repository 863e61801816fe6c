// portal.js — the portal's pages: sign-in, the reporter's page and the national page, on hash routes.
//
// Structure:
//   start()          reads /portal/config.json, finishes an Entra redirect, wires the header, then route() on every hash change.
//   route()          #/ (sign-in), #/reporter/{code}/{period}, #/national/{period}; anything else goes to the user's home.
//   reporterPage()   template links, drop zone → pending upload (with the replace notice) → grant, PUT with progress →
//                    receipt polled with back-off (404 = not ready) → issues table; and the versions table.
//   nationalPage()   coverage counts and table, the published dashboard and report links, city detail per indicator.
// Elements are built with el(); texts come from i18n.js so that the language switches in place. The data-testid
// attributes are the contract with the browser tests (/work/prompts/portal-contract.md): keep them.

import { applyLanguage, bind, formatNumber, formatTime, language, t } from './i18n.js';
import { api, ApiError, completeEntraSignIn, currentUser, developmentSignIn, loadConfig, putFile, setErrorHandler, sha256Hex, signOut, startEntraSignIn } from './api.js';

const view = document.getElementById('view');
const banner = document.querySelector('[data-testid=error-banner]');
let config = null;
let periods = null;
let catalog = null;
let generation = 0; // bumped on every route, so that a page left behind stops polling and drawing

// ---- small helpers ---------------------------------------------------------------------------------------------------

/** An element: el('td', { 'data-col': 'row', text: '3' }, child, …). `i18n` binds a text key, `zh`/`en` a text in both languages. */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') element.textContent = value;
    else if (name === 'i18n') bind(element, value[0], value[1]);
    else if (name === 'bi') { element.dataset.zh = value.zh ?? ''; element.dataset.en = value.en ?? ''; element.textContent = language() === 'zh' ? value.zh || value.en : value.en; }
    else if (name === 'time') { element.dataset.time = value; element.textContent = formatTime(value); }
    else if (name === 'number') { element.dataset.number = value ?? ''; element.textContent = formatNumber(value); }
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return element;
}

/** Replaces the children of `parent`, leaving out null, undefined and false (the parts a page leaves out). */
function fill(parent, ...children) {
  parent.replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return parent;
}

function table(testid, columns, rows) {
  return el('table', { 'data-testid': testid },
    el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { i18n: [`col.${c}`] })))),
    el('tbody', {}, ...rows));
}

function showError(error) {
  const problem = error.problem || {};
  banner.dataset.status = String(error.status);
  banner.querySelector('.title').textContent = problem.title || `HTTP ${error.status}`;
  banner.querySelector('.detail').textContent = problem.detail || '';
  banner.hidden = false;
}

/** Empties an element that showed a text, so that a language change does not bring the text back. */
function clear(element) {
  delete element.dataset.i18n;
  delete element.dataset.args;
  element.textContent = '';
}

/** For promises of event handlers: an API failure is on the banner already; anything else goes there too. */
function report(error) {
  if (!(error instanceof ApiError)) showError(new ApiError(0, { title: 'Error', detail: error.message }));
}

function hideError() {
  banner.hidden = true;
  delete banner.dataset.status;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function reporterOf(user) {
  const role = user.roles.find((r) => r.startsWith('Reporter.'));
  return role ? role.slice('Reporter.'.length) : null;
}

async function defaultPeriod() {
  periods ??= await api('/api/periods');
  return periods.published.length ? periods.published[periods.published.length - 1] : periods.current;
}

async function loadCatalog() {
  catalog ??= await api('/api/catalog');
  return catalog;
}

function indicatorName(code) {
  const indicator = (catalog?.indicators || []).find((i) => i.code === code);
  return indicator ? { zh: `${indicator.nameZh} ${code}`, en: `${indicator.nameEn} ${code}` } : { zh: code, en: code };
}

async function home(user) {
  const period = await defaultPeriod();
  if (user.roles.includes('National')) return `#/national/${period}`;
  const code = reporterOf(user);
  return code ? `#/reporter/${code}/${period}` : null;
}

/** A <select data-testid=period> of the published periods and the current one; changing it changes the route. */
function periodPicker(selected, hashFor) {
  const years = new Set([...(periods?.published || []), periods?.current, selected].filter(Boolean));
  const select = el('select', { 'data-testid': 'period', onchange: (e) => { location.hash = hashFor(e.target.value); } },
    ...[...years].sort().reverse().map((y) => el('option', { value: y, text: y, selected: y === selected })));
  return el('label', { class: 'period' }, el('span', { i18n: ['period.label'] }), ' ', select);
}

// ---- header and start ------------------------------------------------------------------------------------------------

function renderHeader() {
  const user = currentUser();
  const who = document.querySelector('[data-testid=signed-in-as]');
  const out = document.querySelector('[data-testid=sign-out]');
  who.hidden = out.hidden = !user;
  if (user) {
    const code = reporterOf(user);
    const role = user.roles.includes('National') ? t('app.national') : code ? t('app.reporter', { code }) : user.roles.join(', ');
    bind(who, 'app.signedInAs', { user: user.name, role });
  }
  bind(document.querySelector('[data-testid=lang-toggle]'), 'app.langToggle');
}

async function start() {
  setErrorHandler(showError);
  applyLanguage();
  document.querySelector('[data-testid=lang-toggle]').addEventListener('click', () => {
    applyLanguage(language() === 'zh' ? 'en' : 'zh');
    renderHeader();
  });
  document.querySelector('[data-testid=sign-out]').addEventListener('click', () => { signOut(); location.hash = '#/'; renderHeader(); route(); });
  banner.querySelector('.close').addEventListener('click', hideError);
  config = await loadConfig();
  if (config.signIn === 'entra') {
    try {
      const next = await completeEntraSignIn(config);
      if (next !== null) location.hash = next || '#/';
    } catch (e) {
      showError(e instanceof ApiError ? e : new ApiError(0, { title: t('signin.failed'), detail: e.message }));
    }
  }
  window.addEventListener('hashchange', route);
  await route();
}

async function route() {
  const mine = ++generation;
  hideError();
  renderHeader();
  const user = currentUser();
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  try {
    if (!user) return signInPage();
    if (parts[0] === 'reporter' && parts.length === 3) return await reporterPage(parts[1], parts[2], mine);
    if (parts[0] === 'national' && parts.length === 2) return await nationalPage(parts[1], mine);
    const next = await home(user);
    if (next) location.replace(next);
    else fill(view, el('p', { class: 'note', i18n: ['app.noRole'] }));
  } catch (e) {
    if (!(e instanceof ApiError)) {
      showError(new ApiError(0, { title: 'Error', detail: e.message }));
      throw e;
    }
  }
}

// ---- sign-in ---------------------------------------------------------------------------------------------------------

function signInPage() {
  const section = el('section', { class: 'card signin' }, el('h2', { i18n: ['signin.title'] }));
  if (config.signIn === 'development') {
    const select = el('select', { 'data-testid': 'dev-role' }, ...config.roles.map((r) => el('option', { value: r, text: r })));
    section.append(el('p', { class: 'note', i18n: ['signin.devNote'] }),
      el('label', {}, el('span', { i18n: ['signin.role'] }), ' ', select), ' ',
      el('button', { type: 'button', 'data-testid': 'sign-in', i18n: ['signin.button'], onclick: async () => {
        try {
          await developmentSignIn(config, select.value);
        } catch (e) {
          return report(e);
        }
        location.hash = '#/';
        await route();
      } }));
  } else if (config.authority && config.clientId) {
    section.append(el('p', { class: 'note', i18n: ['signin.entraNote'] }),
      el('button', { type: 'button', 'data-testid': 'sign-in', i18n: ['signin.button'], onclick: () => startEntraSignIn(config) }));
  } else {
    section.append(el('p', { class: 'note', i18n: ['signin.notConfigured'] }), el('button', { type: 'button', 'data-testid': 'sign-in', disabled: true, i18n: ['signin.button'] }));
  }
  fill(view, section);
}

// ---- the reporter's page ---------------------------------------------------------------------------------------------

async function reporterPage(code, period, mine) {
  await defaultPeriod();
  const names = (await loadCatalog()).reporters.find((r) => r.code === code) || { nameZh: code, nameEn: code };
  const heading = el('h2', {}, el('span', { bi: { zh: names.nameZh, en: names.nameEn } }), ' ', el('span', { i18n: ['reporter.title', { code, period }] }));
  fill(view, el('div', { class: 'toolbar' }, heading, periodPicker(period, (p) => `#/reporter/${code}/${p}`)));
  const returns = await api(`/api/returns/${code}/${period}`); // 403 for another reporter: the banner shows it, nothing else is drawn
  if (mine !== generation) return;

  const base = `/api/returns/${code}/${period}/template`;
  const templates = el('section', { class: 'card' }, el('h3', { i18n: ['template.title'] }),
    el('a', { 'data-testid': 'template-download', href: `${base}?format=csv`, download: `${code}-${period}-template.csv`, i18n: ['template.csv'] }), ' · ',
    el('a', { 'data-testid': 'template-download-xlsx', href: `${base}?format=xlsx`, download: `${code}-${period}-template.xlsx`, i18n: ['template.xlsx'] }));

  const input = el('input', { type: 'file', 'data-testid': 'file-input', accept: '.csv,.xlsx,.json' });
  const dropZone = el('label', { class: 'drop-zone', 'data-testid': 'drop-zone' }, el('span', { i18n: ['upload.drop'] }), input);
  const pending = el('div', { 'data-testid': 'pending-upload', class: 'pending', hidden: true });
  const progress = el('progress', { 'data-testid': 'upload-progress', max: '100', value: '0' });
  const status = el('p', { class: 'note', 'aria-live': 'polite' });
  const receiptBox = el('section', { class: 'card', hidden: true }, el('h3', { i18n: ['receipt.title'] }));
  const versionsBox = el('section', { class: 'card' });

  const choose = (file) => {
    if (!file) return;
    const size = file.size < 1024 ? `${file.size} B` : `${(file.size / 1024).toFixed(1)} KiB`;
    const replaces = returns.current
      ? el('p', { 'data-testid': 'replace-notice', class: 'notice', i18n: ['upload.replace', { version: returns.current.version, when: formatTime(returns.current.processedAt) }] })
      : null;
    fill(pending, el('p', { i18n: ['upload.pending', { name: file.name, size }] }), replaces,
      el('button', { type: 'button', 'data-testid': 'confirm-upload', i18n: ['upload.confirm'], onclick: () => send(file).catch(report) }), ' ',
      el('button', { type: 'button', class: 'secondary', i18n: ['upload.cancel'], onclick: () => { pending.hidden = true; input.value = ''; } }));
    pending.hidden = false;
  };

  const send = async (file) => {
    pending.hidden = true;
    progress.value = 0;
    bind(status, 'upload.sending', { name: file.name });
    const [grant, hash] = await Promise.all([api(`/api/returns/${code}/${period}/uploads`, { method: 'POST', body: { file: file.name } }), sha256Hex(file)]);
    const sentAt = Date.now();
    try {
      await putFile(grant, file, (percent) => { progress.value = percent; });
    } catch (e) {
      clear(status);
      showError(new ApiError(e.status, { title: t('upload.failedTitle'), detail: t('upload.failedDetail', { status: e.status, detail: e.problem.detail }) }));
      return;
    }
    // An older receipt of the same file name is not this upload's: compare the bytes' hash (or, for a file the pipeline
    // did not read, the time, with a minute's slack for the browser's clock).
    await waitForReceipt(grant.receipt, (r) => (r.sha256 ? r.sha256 === hash : Date.parse(r.processedAt) >= sentAt - 60000));
  };

  const waitForReceipt = async (path, isThisUpload) => {
    bind(status, 'upload.waiting');
    const receipt = await pollReceipt(path, isThisUpload, mine);
    if (mine !== generation) return;
    if (!receipt) { bind(status, 'upload.slow'); return; }
    clear(status);
    showReceipt(receiptBox, receipt);
    const fresh = await api(`/api/returns/${code}/${period}`);
    Object.assign(returns, fresh);
    drawVersions(versionsBox, fresh);
  };

  input.addEventListener('change', () => choose(input.files[0]));
  dropZone.addEventListener('dragover', (e) => { e.preventDefault(); dropZone.classList.add('over'); });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
  dropZone.addEventListener('drop', (e) => { e.preventDefault(); dropZone.classList.remove('over'); choose(e.dataTransfer.files[0]); });

  drawVersions(versionsBox, returns);
  view.append(templates, el('section', { class: 'card' }, el('h3', { i18n: ['upload.title'] }), dropZone, pending, progress, status), receiptBox, versionsBox);

  // Back on the page while an upload is still being processed: its receipt appears by itself too.
  const newest = [...returns.processing].sort((a, b) => Date.parse(b.uploadedAt) - Date.parse(a.uploadedAt))[0];
  if (newest) {
    const path = `/api/returns/${code}/${period}/receipts/${encodeURIComponent(newest.file)}`;
    await waitForReceipt(path, (r) => Date.parse(r.processedAt) >= Date.parse(newest.uploadedAt));
  }
}

/** Polls a receipt, with back-off, until `isThisUpload(receipt)`: 404 means not written yet. Null after five minutes. */
async function pollReceipt(path, isThisUpload, mine) {
  let delay = 500;
  for (let waited = 0; waited < 5 * 60 * 1000 && mine === generation; waited += delay, delay = Math.min(delay * 1.5, 5000)) {
    await sleep(delay);
    try {
      const receipt = await api(path, { quiet: [404] });
      if (isThisUpload(receipt)) return receipt;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
    }
  }
  return null;
}

function showReceipt(box, receipt) {
  const issues = [...receipt.errors.map((i) => ['error', i]), ...receipt.warnings.map((i) => ['warning', i])];
  const rows = issues.map(([severity, issue]) => el('tr', { 'data-testid': 'issue-row', class: severity },
    el('td', { 'data-col': 'severity', 'data-severity': severity, i18n: [`severity.${severity}`] }),
    el('td', { 'data-col': 'row', class: 'num', text: issue.row ?? '' }),
    el('td', { 'data-col': 'column', text: issue.column ?? '' }),
    el('td', { 'data-col': 'code', class: 'code', text: issue.type }),
    el('td', { 'data-col': 'message', bi: { zh: issue.messageZh, en: issue.message } }),
    el('td', { 'data-col': 'hint', i18n: [`hint.${issue.type}`, { reporter: receipt.reporter, period: receipt.period }] })));
  const summary = el('p', { class: `outcome ${receipt.outcome}` },
    el('strong', { i18n: [`outcome.${receipt.outcome}`] }), ' · ', el('span', { text: receipt.file }),
    receipt.version ? ' · ' : null, receipt.version ? el('span', { i18n: ['receipt.version', { version: receipt.version }] }) : null,
    receipt.supersedes ? el('span', { i18n: ['receipt.supersedes', { version: receipt.supersedes }] }) : null, ' · ',
    el('span', { i18n: ['receipt.counts', { errors: receipt.errorCount, warnings: receipt.warningCount, observations: receipt.observations }] }), ' · ',
    el('span', { time: receipt.processedAt }));
  const changes = receipt.changes?.length ? el('div', {}, el('h4', { i18n: ['receipt.changes'] }), changeList(receipt.changes)) : null;
  fill(box, el('h3', { i18n: ['receipt.title'] }),
    el('div', { 'data-testid': 'receipt', 'data-status': receipt.outcome, 'data-file': receipt.file }, summary, changes,
      issues.length ? table('issues-table', ['severity', 'row', 'column', 'code', 'message', 'hint'], rows) : el('p', { class: 'note', i18n: ['receipt.none'] })));
  box.hidden = false;
}

function changeList(changes) {
  return el('ul', { class: 'changes' }, ...changes.map((c) => el('li', {}, el('span', { bi: indicatorName(c.indicator) }), ': ',
    el('span', { number: c.old }), ' → ', el('span', { number: c.new }))));
}

function drawVersions(box, returns) {
  const entries = [
    ...returns.versions.map((v) => ({ at: v.processedAt, row: versionRow(v) })),
    ...returns.rejected.map((r) => ({ at: r.processedAt, row: rejectedRow(r) })),
  ].sort((a, b) => Date.parse(b.at || 0) - Date.parse(a.at || 0));
  fill(box, el('h3', { i18n: ['versions.title'] }),
    returns.processing.length ? el('p', { class: 'note', i18n: ['versions.processing', { files: returns.processing.map((p) => p.file).join(', ') }] }) : null,
    entries.length ? table('versions', ['version', 'when', 'file', 'outcome', 'changes'], entries.map((e) => e.row)) : el('p', { class: 'note', i18n: ['versions.empty'] }));
}

function versionRow(v) {
  const changes = !v.supersedes ? el('span', { i18n: ['versions.first'] }) : v.changes.length ? changeList(v.changes) : el('span', { i18n: ['versions.noChange'] });
  return el('tr', { 'data-testid': 'version-row', 'data-version': v.version },
    el('td', { 'data-col': 'version', class: 'num', text: `v${v.version}` }),
    el('td', { 'data-col': 'when', time: v.processedAt }),
    el('td', { 'data-col': 'file', text: v.file }),
    el('td', { 'data-col': 'outcome', i18n: [`outcome.${v.outcome}`] }),
    el('td', { 'data-col': 'changes' }, changes));
}

function rejectedRow(r) {
  const first = r.receipt?.errors?.[0];
  return el('tr', { 'data-testid': 'rejected-row', 'data-file': r.file, class: 'rejected' },
    el('td', { 'data-col': 'version', text: '—' }),
    el('td', { 'data-col': 'when', time: r.processedAt }),
    el('td', { 'data-col': 'file', text: r.file }),
    el('td', { 'data-col': 'outcome', i18n: ['outcome.rejected'] }),
    el('td', { 'data-col': 'changes', i18n: first ? ['versions.errors', { count: r.receipt.errorCount, type: first.type, row: first.row ?? '—' }] : undefined }));
}

// ---- the national page -----------------------------------------------------------------------------------------------

async function nationalPage(period, mine) {
  await defaultPeriod();
  const list = (await loadCatalog()).indicators;
  fill(view, el('div', { class: 'toolbar' }, el('h2', { i18n: ['national.title', { period }] }), periodPicker(period, (p) => `#/national/${p}`)));
  const coverage = await api(`/api/coverage/${period}`);
  if (mine !== generation) return;

  const late = coverage.reporters.filter((r) => r.overdue).length;
  const missing = coverage.reporters.filter((r) => r.status === 'missing').length;
  const counts = el('p', { 'data-testid': 'coverage-counts', class: 'counts', 'data-received': coverage.received, 'data-accepted': coverage.accepted, 'data-late': late, 'data-missing': missing,
    i18n: ['coverage.counts', { expected: coverage.expected, received: coverage.received, accepted: coverage.accepted, late, missing }] });
  const rows = coverage.reporters.map((r) => el('tr', { 'data-testid': 'coverage-row', 'data-reporter': r.reporter, 'data-state': r.status, 'data-late': String(r.overdue), class: r.status },
    el('td', { 'data-col': 'reporter' }, el('span', { class: 'code', text: r.reporter }), ' ', el('span', { bi: { zh: r.nameZh, en: r.nameEn } })),
    el('td', { 'data-col': 'state', i18n: [`state.${r.status}`] }),
    el('td', { 'data-col': 'version', class: 'num', text: r.version ? `v${r.version}` : '' }),
    el('td', { 'data-col': 'when', time: r.acceptedAt || r.firstReceivedAt }),
    el('td', { 'data-col': 'late', i18n: r.overdue ? ['late.yes', { days: r.daysLate }] : ['late.no'] })));
  view.append(el('section', { class: 'card' }, el('h3', { i18n: ['coverage.title'] }), counts,
    el('p', { class: 'note', i18n: ['coverage.deadline', { deadline: formatTime(coverage.deadline) }] }),
    table('coverage-table', ['reporter', 'state', 'version', 'when', 'late'], rows)));

  const reports = el('section', { class: 'card' }, el('h3', { i18n: ['reports.title'] }));
  view.append(reports);
  try {
    const published = await api(`/api/national/${period}/files`, { quiet: [404] });
    const dashboard = published.files.find((f) => f.name === 'index.html');
    reports.append(el('p', { class: 'links' }, ...published.files.map((f) => el('a', { 'data-testid': 'report-link', 'data-file': f.name, href: f.url, target: '_blank', rel: 'noopener', text: f.name }))),
      dashboard ? el('iframe', { 'data-testid': 'dashboard', src: dashboard.url, title: 'dashboard', class: 'dashboard' }) : null);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    reports.append(el('p', { class: 'note', i18n: ['reports.none'] }));
  }

  const indicatorSelect = el('select', { 'data-testid': 'indicator' },
    ...list.filter((i) => !i.national && i.kind !== 'rate').map((i) => el('option', { value: i.code, bi: indicatorName(i.code) })));
  const reporterSelect = el('select', { 'data-testid': 'city-reporter' },
    ...coverage.reporters.filter((r) => r.reporter !== '100000').map((r) => el('option', { value: r.reporter, bi: { zh: `${r.reporter} ${r.nameZh}`, en: `${r.reporter} ${r.nameEn}` } })));
  const regions = el('div');
  const drawRegions = async () => {
    const answer = await api(`/api/national/${period}/regions/${indicatorSelect.value}?reporter=${reporterSelect.value}`);
    const rows = answer.regions.map((r) => el('tr', { 'data-testid': 'region-row', 'data-region': r.regionCode ?? r.regionName ?? '' },
      el('td', { 'data-col': 'regionCode', class: 'code', text: r.regionCode ?? '' }),
      el('td', { 'data-col': 'regionName', text: r.regionName ?? '' }),
      el('td', { 'data-col': 'value', class: 'num', number: r.value }),
      el('td', { 'data-col': 'unit', text: r.unit }),
      el('td', { 'data-col': 'note', text: r.note ?? '' })));
    fill(regions, table('regions-table', ['regionCode', 'regionName', 'value', 'unit', 'note'], rows));
    if (!rows.length) regions.append(el('p', { class: 'note', i18n: ['city.none'] }));
  };
  indicatorSelect.addEventListener('change', () => drawRegions().catch(report));
  reporterSelect.addEventListener('change', () => drawRegions().catch(report));
  view.append(el('section', { class: 'card' }, el('h3', { i18n: ['city.title'] }),
    el('p', { class: 'pickers' }, el('label', {}, el('span', { i18n: ['city.indicator'] }), ' ', indicatorSelect), ' ',
      el('label', {}, el('span', { i18n: ['city.reporter'] }), ' ', reporterSelect)), regions));
  await drawRegions();
}

start();
