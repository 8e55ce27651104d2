// The live page: one EventSource on /api/stream, events "cluster", "cache", "log" (once) and "message".
'use strict';

const MAX_LOG_ROWS = 200;            // the server keeps as many; the page never shows more
const SVG = 'http://www.w3.org/2000/svg';
const shownMessages = new Set();     // ids in the log table, so a message is never shown twice

const $ = (selector) => document.querySelector(selector);

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function renderCluster(view) {
  $('#self').textContent = view.self;
  $('#cluster-name').textContent = 'cluster ' + view.cluster;
  document.title = view.self + ' · plumtree';
  const body = $('#members tbody');
  body.replaceChildren();
  for (const m of view.members) {
    const row = body.insertRow();
    row.dataset.name = m.name;
    row.dataset.status = m.status;
    cell(row, m.name + (m.name === view.self ? ' (this node)' : ''));
    cell(row, m.address);
    cell(row, m.status, 'status-' + m.status);
    cell(row, view.eagerPeers.includes(m.name) ? 'eager' : view.lazyPeers.includes(m.name) ? 'lazy' : '');
  }
  renderGraph(view);
}

function svg(name, attributes, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

// Every member on a circle, this node at the bottom, an edge from it to each eager (solid) and lazy (dashed) peer.
function renderGraph(view) {
  const graph = $('#graph');
  graph.replaceChildren();
  const others = view.members.filter((m) => m.name !== view.self);
  const self = view.members.find((m) => m.name === view.self) || { name: view.self, status: 'ALIVE' };
  const ring = [self, ...others];
  const cx = 200, cy = 110, r = 80;
  const positions = ring.map((m, i) => {
    const angle = Math.PI / 2 + (2 * Math.PI * i) / ring.length;
    return { member: m, x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) };
  });
  const [me] = positions;
  for (const p of positions.slice(1)) {
    const kind = view.eagerPeers.includes(p.member.name) ? 'eager'
      : view.lazyPeers.includes(p.member.name) ? 'lazy' : null;
    if (kind) graph.append(svg('line', { x1: me.x, y1: me.y, x2: p.x, y2: p.y, class: kind, 'data-peer': p.member.name }));
  }
  for (const p of positions) {
    const isSelf = p === me;
    graph.append(svg('circle', { cx: p.x, cy: p.y, r: isSelf ? 16 : 13, class: isSelf ? 'self' : p.member.status }));
    graph.append(svg('text', { x: p.x, y: p.y + (p.y >= cy ? 30 : -20) }, p.member.name));
  }
}

function addMessage(entry, fresh) {
  if (shownMessages.has(entry.messageId)) return;
  shownMessages.add(entry.messageId);
  const body = $('#log tbody');
  const row = body.insertRow(0);
  row.dataset.messageId = entry.messageId;
  row.dataset.origin = entry.origin;
  row.dataset.hops = entry.hops;
  if (fresh) row.className = 'fresh';
  cell(row, new Date(entry.deliveredAt).toLocaleTimeString([], { hour12: false }));
  cell(row, entry.kind);
  cell(row, entry.origin);
  cell(row, String(entry.hops));
  cell(row, entry.text, 'text');
  while (body.rows.length > MAX_LOG_ROWS) {
    shownMessages.delete(body.rows[body.rows.length - 1].dataset.messageId);
    body.deleteRow(-1);
  }
}

function renderCache(entries) {
  const body = $('#cache tbody');
  body.replaceChildren();
  for (const e of entries.slice().reverse()) {
    const row = body.insertRow();
    row.dataset.key = e.key;
    cell(row, e.key);
    cell(row, e.value);
  }
}

function connect() {
  const events = new EventSource('api/stream');
  events.onopen = () => { $('#connection').textContent = 'live'; $('#connection').className = 'online'; };
  events.onerror = () => { $('#connection').textContent = 'reconnecting…'; $('#connection').className = 'offline'; };
  events.addEventListener('cluster', (e) => renderCluster(JSON.parse(e.data)));
  events.addEventListener('cache', (e) => renderCache(JSON.parse(e.data)));
  events.addEventListener('log', (e) => JSON.parse(e.data).forEach((entry) => addMessage(entry, false)));
  events.addEventListener('message', (e) => addMessage(JSON.parse(e.data), true));
}

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(method + ' ' + url + ': ' + response.status);
  return response.json();
}

function report(error) {
  $('#notice-error').textContent = error ? error.message : '';
}

$('#notice-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = $('#notice-text').value.trim();
  if (!text) return;
  try {
    await call('POST', 'api/notices', { author: $('#notice-author').value.trim() || $('#self').textContent, text });
    $('#notice-text').value = '';
    report(null);
  } catch (error) {
    report(error);
  }
});

$('#cache-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    await call('GET', 'api/cache/' + encodeURIComponent($('#cache-key').value.trim()));
    report(null);
  } catch (error) {
    report(error);
  }
});

$('#cache-invalidate').addEventListener('click', async () => {
  const key = $('#cache-key').value.trim();
  if (!key) return;
  try {
    await call('DELETE', 'api/cache/' + encodeURIComponent(key));
    report(null);
  } catch (error) {
    report(error);
  }
});

connect();
