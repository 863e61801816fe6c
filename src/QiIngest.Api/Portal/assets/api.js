// api.js — talking to the server: sign-in, the HTTP API, and the upload to blob storage.
//
// Structure: the access token lives in sessionStorage["qi.token"] and goes out as `Authorization: Bearer`. Sign-in is
// either the local host's development tokens (POST config.tokenUrl) or Microsoft Entra ID's authorization code flow
// with PKCE, written out here (no MSAL offline): `startEntraSignIn` redirects, `completeEntraSignIn` exchanges the code
// when the browser comes back to `/`. `api()` calls the API and, on a failure, shows the problem details in the error
// banner and throws; `putFile()` sends a file to an upload grant's SAS URL with XMLHttpRequest, for its progress events.

const TOKEN = 'qi.token';
const PKCE = 'qi.pkce';

/** A failed call: its HTTP status and problem details. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

let onError = () => {};

/** Where failures are shown (the error banner). */
export function setErrorHandler(handler) { onError = handler; }

/** The signed-in user — { token, name, roles } — or null when nobody is signed in or the token has expired. */
export function currentUser() {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return null;
  const claims = decodeJwt(token);
  if (!claims || (claims.exp && claims.exp * 1000 < Date.now())) {
    sessionStorage.removeItem(TOKEN);
    return null;
  }
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  return { token, roles, name: claims.preferred_username || claims.name || claims.oid || '?' };
}

export function signOut() { sessionStorage.removeItem(TOKEN); }

/** The sign-in configuration (/portal/config.json). */
export async function loadConfig() {
  const response = await fetch('/portal/config.json', { cache: 'no-store' });
  return response.json();
}

/** Development sign-in: asks the local host for a token with `role`. */
export async function developmentSignIn(config, role) {
  const answer = await api(config.tokenUrl, { method: 'POST', body: { role }, anonymous: true });
  sessionStorage.setItem(TOKEN, answer.accessToken);
}

/** Entra sign-in, step 1: remember a PKCE verifier and go to the authorize endpoint. */
export async function startEntraSignIn(config) {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state, hash: location.hash }));
  const query = new URLSearchParams({
    client_id: config.clientId, response_type: 'code', redirect_uri: redirectUri(), scope: `openid profile ${config.scope}`,
    code_challenge: challenge, code_challenge_method: 'S256', state, response_mode: 'query',
  });
  location.assign(`${config.authority}/oauth2/v2.0/authorize?${query}`);
}

/** Entra sign-in, step 2: when the URL carries ?code=…&state=…, trade the code for a token. Returns the hash to go on to, or null. */
export async function completeEntraSignIn(config) {
  const query = new URLSearchParams(location.search);
  if (!query.has('code') && !query.has('error')) return null;
  const saved = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
  sessionStorage.removeItem(PKCE);
  history.replaceState(null, '', '/' + (saved?.hash || ''));
  if (query.has('error')) throw new ApiError(401, { title: query.get('error'), detail: query.get('error_description') || '' });
  if (!saved || saved.state !== query.get('state')) throw new ApiError(400, { title: 'Sign-in', detail: 'The sign-in answer does not match the request (state): sign in again.' });
  const response = await fetch(`${config.authority}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(), code_verifier: saved.verifier, scope: `openid profile ${config.scope}` }),
  });
  const answer = await response.json();
  if (!response.ok) throw new ApiError(response.status, { title: answer.error || 'Sign-in', detail: answer.error_description || '' });
  sessionStorage.setItem(TOKEN, answer.access_token);
  return saved.hash || '';
}

/**
 * Calls the API. `body` is sent as JSON; `quiet` lists statuses that are expected (a receipt not ready yet is a 404) and
 * are thrown without showing the banner. Answers parsed JSON.
 */
export async function api(path, { method = 'GET', body, quiet = [], anonymous = false } = {}) {
  const headers = { Accept: 'application/json' };
  const user = anonymous ? null : currentUser();
  if (user) headers.Authorization = `Bearer ${user.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    const error = new ApiError(0, { title: 'Network error', detail: `${path}: ${e.message}` });
    onError(error);
    throw error;
  }
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (response.ok) return json;
  const error = new ApiError(response.status, json && typeof json === 'object' ? json : { title: `HTTP ${response.status}`, detail: text.slice(0, 300) });
  if (response.status === 401 && user) signOut();
  if (!quiet.includes(response.status)) onError(error);
  throw error;
}

/** PUTs `file` to an upload grant's SAS URL with the grant's headers; `onProgress(percent)` as it goes. */
export function putFile(grant, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(grant.method || 'PUT', grant.uploadUrl);
    for (const [name, value] of Object.entries(grant.headers || {})) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(Math.floor((e.loaded / e.total) * 100)); };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(100); resolve(); }
      else reject(new ApiError(xhr.status, { title: 'Upload', detail: storageMessage(xhr.responseText) || xhr.statusText }));
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'Upload', detail: 'the storage account did not answer (network or CORS)' }));
    xhr.send(file);
  });
}

/** The SHA-256 of a file, lower-case hex, as receipts give it. */
export async function sha256Hex(file) {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function storageMessage(xml) {
  const match = /<Message>([^<]*)<\/Message>/.exec(xml || '');
  return match ? match[1].split('\n')[0] : '';
}

function decodeJwt(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

function safeJson(text) {
  try { return JSON.parse(text); } catch { return null; }
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function redirectUri() { return `${location.origin}/`; }
