// drc on-call console: plain JS, no framework, no CDN. The token lives in sessionStorage (this tab's session only).
'use strict';

const TOKEN_KEY = 'drc.token';
const $ = (id) => document.getElementById(id);
let status = null;
let followed = null; // {id, controller}
let startKind = null;
// The page of resources shown: GET /api/v1/status pages by cursor, so the cursors of the pages before are kept
// for "Previous page"; null is the first page's.
const view = { cursors: [null], nonCompliant: false, limit: 100 };

function token() { return sessionStorage.getItem(TOKEN_KEY); }

async function api(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + token(), 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = { message: text }; }
  return { status: response.status, ok: response.ok, body: json };
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'class') node.className = v; else if (k.startsWith('data-')) node.setAttribute(k, v); else node[k] = v;
  });
  children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '-' : String(c))));
  return node;
}

function seconds(value) { return value == null ? '-' : Math.round(value) + ' s'; }

async function signIn(event) {
  if (event) event.preventDefault();
  const typed = $('token').value.trim();
  if (typed) sessionStorage.setItem(TOKEN_KEY, typed);
  if (!token()) return;
  const me = await api('GET', '/api/v1/whoami');
  if (!me.ok) {
    sessionStorage.removeItem(TOKEN_KEY);
    $('login-error').textContent = me.status === 401 ? 'That token is not known to drc.' : (me.body.message || 'HTTP ' + me.status);
    return;
  }
  $('login-error').textContent = '';
  $('token').value = '';
  $('who').textContent = 'Signed in as ' + me.body.name + ' (' + me.body.role + ')';
  const operator = me.body.role === 'operator' || me.body.role === 'admin';
  document.querySelectorAll('.operator-only').forEach((n) => { n.hidden = !operator; });
  $('login').hidden = true;
  $('sign-out').hidden = false;
  ['readiness', 'executions'].forEach((id) => { $(id).hidden = false; });
  await refresh();
  setInterval(refresh, 5000);
}

function statusPath() {
  const query = new URLSearchParams({ limit: String(view.limit) });
  const cursor = view.cursors[view.cursors.length - 1];
  if (cursor) query.set('cursor', cursor);
  if (view.nonCompliant) query.set('compliant', 'false');
  return '/api/v1/status?' + query;
}

async function refresh() {
  const [s, e] = await Promise.all([api('GET', statusPath()), api('GET', '/api/v1/executions')]);
  if (s.ok) renderStatus(s.body);
  else if (s.body.code === 'invalid_cursor' && view.cursors.length > 1) { view.cursors = [null]; refresh(); }
  if (e.ok) renderExecutions(e.body.items);
}

/** Shows another page or filter: from the first page unless {@code cursors} says otherwise. */
function showPage(cursors) {
  view.cursors = cursors;
  refresh();
}

function renderStatus(s) {
  status = s;
  const ready = s.ready ? el('span', { class: 'ok' }, 'ready') : el('span', { class: 'bad' }, 'NOT ready');
  $('serving').replaceChildren('Serving region: ', el('strong', { id: 'serving-region' }, s.activeRegion),
    ' (primary ' + s.primaryRegion + ', DR ' + s.drRegion + ', strategy ' + s.strategy + ') — ', ready);
  $('resources').tBodies[0].replaceChildren(...s.resources.map((r) => {
    const ratio = r.rpoSeconds == null ? 0 : Math.min(1, r.rpoSeconds / r.rpoTargetSeconds);
    const bar = el('div', { class: 'bar', role: 'img', ariaLabel: 'RPO ' + seconds(r.rpoSeconds) + ' of ' + r.rpoTargetSeconds + ' s target' },
      el('span', { class: r.compliant === false ? 'over' : '' }));
    bar.firstChild.style.width = Math.round(ratio * 100) + '%';
    const compliant = r.compliant == null ? '-' : (r.compliant ? el('span', { class: 'ok' }, 'yes') : el('span', { class: 'bad' }, 'NO'));
    const history = el('td', { class: 'history' });
    drawHistory(r, history);
    return el('tr', { 'data-resource': r.id }, el('th', { scope: 'row' }, r.id), el('td', {}, r.kind),
      el('td', {}, seconds(r.rpoSeconds)), el('td', {}, r.rpoTargetSeconds + ' s'), el('td', {}, bar), el('td', {}, compliant),
      history);
  }));
  const page = view.cursors.length;
  $('resource-count').textContent = (s.resources.length === 0 ? 'No resources'
    : 'Page ' + page + ': ' + s.resources.length + (s.resources.length === 1 ? ' resource' : ' resources'))
    + (view.nonCompliant ? ' not known to be compliant' : '') + ' (' + s.summary.resources + ' in all: '
    + s.summary.compliant + ' compliant, ' + s.summary.notCompliant + ' not)' + (s.nextCursor ? '; more on the next page' : '');
  $('next-page').disabled = !s.nextCursor;
  $('next-page').dataset.cursor = s.nextCursor || '';
  $('previous-page').disabled = page === 1;
  $('checks').tBodies[0].replaceChildren(...s.checks.map((c) => el('tr', {}, el('th', { scope: 'row' }, c.name),
    el('td', {}, c.ok ? el('span', { class: 'ok' }, 'ok') : el('span', { class: 'bad' }, 'failing')), el('td', {}, c.detail))));
}

const SVG = 'http://www.w3.org/2000/svg';

/** The resource's RPO over the last 24 hours (GET /api/v1/resources/{id}/rpo) as a line under its target. */
async function drawHistory(r, cell) {
  const reply = await api('GET', '/api/v1/resources/' + encodeURIComponent(r.id) + '/rpo');
  const points = reply.ok ? reply.body.items.filter((s) => s.rpoSeconds != null) : [];
  const width = 160, height = 40;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  const max = Math.max(r.rpoTargetSeconds * 1.5, ...points.map((s) => s.rpoSeconds));
  const y = (v) => (height - 2 - (v / max) * (height - 4)).toFixed(1);
  const target = document.createElementNS(SVG, 'line');
  Object.entries({ x1: 0, x2: width, y1: y(r.rpoTargetSeconds), y2: y(r.rpoTargetSeconds), class: 'target' })
    .forEach(([k, v]) => target.setAttribute(k, v));
  svg.append(target);
  if (points.length > 0) {
    const t0 = Date.parse(points[0].measuredAt), span = Math.max(1, Date.parse(points[points.length - 1].measuredAt) - t0);
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', points.map((s) => ((Date.parse(s.measuredAt) - t0) / span * width).toFixed(1) + ',' + y(s.rpoSeconds)).join(' '));
    svg.append(line);
  }
  svg.setAttribute('aria-label', points.length + ' RPO samples in the last 24 hours against a target of ' + r.rpoTargetSeconds + ' s');
  cell.replaceChildren(svg);
}

function renderExecutions(items) {
  $('execution-list').tBodies[0].replaceChildren(...items.slice(0, 20).map((e) => el('tr', { 'data-execution': e.id },
    el('td', {}, el('button', { type: 'button', onclick: () => follow(e.id) }, e.id)), el('td', {}, e.kind),
    el('td', {}, e.status), el('td', {}, e.targetRegion), el('td', {}, e.startedAt))));
}

/** Follows an execution's event stream (fetch, since EventSource cannot send the token), resuming after drops. */
async function follow(id) {
  if (followed) followed.controller.abort();
  const controller = new AbortController();
  followed = { id, controller, lastEventId: null, ended: false };
  const mine = followed;
  $('timeline').hidden = false;
  $('timeline-title').textContent = 'Timeline of ' + id;
  $('timeline-status').textContent = 'connecting…';
  $('lanes').replaceChildren();
  while (!mine.ended && !controller.signal.aborted) {
    try {
      await stream(mine, controller.signal);
    } catch (e) {
      if (controller.signal.aborted) return;
    }
    if (!mine.ended) await new Promise((r) => setTimeout(r, 1000));
  }
}

async function stream(mine, signal) {
  const headers = { 'Authorization': 'Bearer ' + token(), 'Accept': 'text/event-stream' };
  if (mine.lastEventId) headers['Last-Event-ID'] = mine.lastEventId;
  const response = await fetch('/api/v1/executions/' + encodeURIComponent(mine.id) + '/events', { headers, signal });
  if (!response.ok) { $('timeline-status').textContent = 'cannot follow: HTTP ' + response.status; mine.ended = true; return; }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
      if (data) apply(mine, JSON.parse(data));
    }
  }
}

function apply(mine, event) {
  mine.lastEventId = String(event.id);
  if (event.step) {
    const slash = event.step.lastIndexOf('/');
    const branch = slash > 0 ? event.step.slice(0, slash) : 'main';
    let lane = document.querySelector('.lane[data-branch="' + CSS.escape(branch) + '"]');
    if (!lane) {
      lane = el('div', { class: 'lane', 'data-branch': branch }, el('h3', {}, branch === 'main' ? 'Main path' : branch),
        el('ol', { class: 'steps' }));
      $('lanes').append(lane);
    }
    let step = lane.querySelector('[data-step="' + CSS.escape(event.step) + '"]');
    if (!step) {
      step = el('li', { class: 'step', 'data-step': event.step, 'data-name': event.name });
      lane.querySelector('ol').append(step);
    }
    step.setAttribute('data-status', event.status);
    step.replaceChildren(el('strong', {}, event.name), ' ', el('span', {}, event.status.replace('_', ' ').toLowerCase()),
      el('div', { class: 'meta' }, event.resource + ' · attempt ' + event.attempt + ' · ' + event.at),
      event.error ? el('div', { class: 'error' }, event.error) : '');
  }
  const text = event.type === 'execution.ended' ? event.status : event.type === 'step.waiting_approval'
    ? 'WAITING_APPROVAL' : event.type === 'execution.recovered' ? 'RECOVERED (running on)' : 'RUNNING';
  $('timeline-status').textContent = text;
  if (event.type === 'execution.ended') { mine.ended = true; refresh(); }
}

async function openStart(kind) {
  startKind = kind;
  const target = kind === 'failover' ? status.drRegion : status.primaryRegion;
  $('start-title').textContent = (kind === 'failover' ? 'Failover to ' : 'Fail back to ') + target;
  $('confirm-hint').textContent = target;
  $('start-error').textContent = '';
  $('confirm-region').value = '';
  $('plan-summary').textContent = 'Working out the plan (dry run, changes nothing)…';
  $('plan-steps').replaceChildren();
  $('start-dialog').showModal();
  const plan = await api('POST', '/api/v1/' + kind + 's', { confirm: target, dryRun: true });
  if (!plan.ok) { $('plan-summary').textContent = 'The dry run was refused: ' + plan.body.message; return; }
  $('plan-summary').textContent = 'Dry run: these steps would run (' + plan.body.runbook + '):';
  $('plan-steps').replaceChildren(...plan.body.steps.map((s) => el('li', {}, el('strong', {}, s.name), ' (' + s.resource + ')',
    s.changes.length ? el('ul', {}, s.changes.map((c) => el('li', {}, c.resource + ' ' + c.attribute + ': ' + c.from + ' → ' + c.to))) : '')));
  $('reason').focus();
}

async function submitStart() {
  const reply = await api('POST', '/api/v1/' + startKind + 's', { confirm: $('confirm-region').value.trim(), reason: $('reason').value });
  if (!reply.ok) { $('start-error').textContent = 'Refused: ' + reply.body.message; return; }
  $('start-dialog').close();
  refresh();
  follow(reply.body.id);
}

async function act(action) {
  if (!followed) return;
  const reply = await api('POST', '/api/v1/executions/' + encodeURIComponent(followed.id) + '/' + action, {});
  $('action-message').textContent = reply.ok ? action + ': ' + reply.body.status : 'Refused: ' + reply.body.message;
}

// Replicate now: the dry run's plan first (copies, their calls, what retention would delete), then the real cycle.
// No region to type: a copy changes nothing that serves.
async function openReplicate() {
  $('replicate-error').textContent = '';
  $('replicate-submit').disabled = true;
  $('replicate-summary').textContent = 'Working out the plan (dry run, changes nothing)…';
  $('replicate-copies').replaceChildren();
  $('replicate-dialog').showModal();
  const plan = await api('POST', '/api/v1/replication/run', { dryRun: true });
  if (!plan.ok) { $('replicate-summary').textContent = 'The dry run was refused: ' + plan.body.message; return; }
  const copies = plan.body.copies;
  $('replicate-summary').textContent = copies.length
    ? 'Dry run: these copies would start now:' : 'Dry run: nothing to start (every copy is still in flight).';
  $('replicate-copies').replaceChildren(
    ...copies.map((c) => el('li', { 'data-resource': c.resource }, el('strong', {}, c.resource),
      ' (' + c.kind + ' ' + c.source + '): ' + c.calls.join(', then '),
      c.retentionDeletes.length ? el('ul', {}, c.retentionDeletes.map((d) => el('li', { class: 'deletion' },
        'then retention deletes ' + d.id + ' in ' + d.region + ' (data of ' + d.sourceTime + ')' + alsoDeleted(d)))) : '')),
    ...plan.body.alreadyInFlight.map((id) => el('li', { 'data-resource': id }, el('strong', {}, id), ': still copying; not copied twice')));
  $('replicate-submit').disabled = copies.length === 0;
  $('replicate-submit').focus();
}

// What goes with a deleted recovery point: an AMI's snapshots, or word that drc does not know them.
function alsoDeleted(d) {
  if (d.alsoDeletesUnknown) return ', with its snapshots (not recorded by drc: unknown which)';
  return d.alsoDeletes.length ? ', with its snapshots ' + d.alsoDeletes.join(', ') : '';
}

async function replicateNow() {
  const reply = await api('POST', '/api/v1/replication/run');
  if (!reply.ok) { $('replicate-error').textContent = 'Refused: ' + reply.body.message; return; }
  $('replicate-dialog').close();
  $('action-message').textContent = 'Replication started for ' + (reply.body.started.map((s) => s.resource).join(', ') || 'nothing')
    + (reply.body.alreadyInFlight.length ? '; still in flight: ' + reply.body.alreadyInFlight.join(', ') : '') + '.';
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => { sessionStorage.removeItem(TOKEN_KEY); location.reload(); });
  $('failover-button').addEventListener('click', () => openStart('failover'));
  $('failback-button').addEventListener('click', () => openStart('failback'));
  $('replicate-button').addEventListener('click', openReplicate);
  $('replicate-submit').addEventListener('click', replicateNow);
  $('replicate-close').addEventListener('click', () => $('replicate-dialog').close());
  $('start-submit').addEventListener('click', submitStart);
  $('start-close').addEventListener('click', () => $('start-dialog').close());
  $('approve-button').addEventListener('click', () => act('approve'));
  $('cancel-button').addEventListener('click', () => act('cancel'));
  $('next-page').addEventListener('click', () => showPage([...view.cursors, $('next-page').dataset.cursor]));
  $('previous-page').addEventListener('click', () => showPage(view.cursors.slice(0, -1)));
  $('noncompliant-only').addEventListener('change', (e) => { view.nonCompliant = e.target.checked; showPage([null]); });
  $('page-size').addEventListener('change', (e) => {
    const limit = Math.round(Number(e.target.value));
    view.limit = limit >= 1 && limit <= 1000 ? limit : 100;
    e.target.value = view.limit;
    showPage([null]);
  });
  if (token()) signIn();
});
