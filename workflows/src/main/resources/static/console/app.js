/* Stressflow console: plain JavaScript over the REST API (no build step). Pages are routed by the
 * URL's hash; each page polls what it shows, and the poll stops when the page is left. */
'use strict';

const META = (n) => document.querySelector('meta[name="' + n + '"]').content;
const CSRF = META('csrf-token');
const CSRF_HEADER = META('csrf-header');
const ME = { name: META('user'), roles: [] };
const SIGNED = { 'approve-report': 'I approve this report as its reviewer', 'verify-failure': 'I verified this failure on the evidence' };
const PERSON_FIELDS = ['loadedBy', 'checkedBy', 'resolvedBy', 'unloadedBy', 'reviewer', 'measuredBy', 'performedBy'];
const main = document.getElementById('main');
let timers = [];
let cleanups = [];

/* ---------- helpers ---------- */

async function api(method, path, body, type) {
  const headers = { Accept: 'application/json, application/problem+json, text/markdown' };
  if (method !== 'GET') headers[CSRF_HEADER] = CSRF;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = type || 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (res.status === 401) { location.href = '/login'; throw new Error('logged out'); }
  const ct = res.headers.get('Content-Type') || '';
  const data = ct.includes('json') ? await res.json() : await res.text();
  return { status: res.status, ok: res.ok, data };
}
const get = async (path) => { const r = await api('GET', path); if (!r.ok) throw problem(r); return r.data; };
function problem(r) { const e = new Error((r.data && (r.data.detail || r.data.title)) || ('HTTP ' + r.status)); e.reply = r; return e; }

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}
const fmtTime = (t) => (t ? new Date(t).toLocaleString() : '');
const num = (x, d = 1) => (x == null || Number.isNaN(x) ? '' : Number(x).toFixed(d));
const link = (href, text, attrs) => h('a', Object.assign({ href }, attrs || {}), text);
function table(id, headers, rows, caption) {
  return h('table', { id }, caption ? h('caption', { class: 'muted' }, caption) : null,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col', class: /^(Progress|Hours|Cycles|LTPD|Samples|Credited)/.test(x) ? 'num' : null }, x)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headers.length, class: 'muted' }, 'None'))));
}
function every(ms, fn) {
  let busy = false;
  const tick = async () => { if (busy) return; busy = true; try { await fn(); } catch (e) { console.warn(e); } finally { busy = false; } };
  timers.push(setInterval(tick, ms));
}
function title(text) { document.title = text + ' · Stressflow'; }
function showError(e) { main.replaceChildren(h('h1', {}, 'Something went wrong'), h('p', { class: 'alert', role: 'alert' }, e.message)); }

/* ---------- routing ---------- */

const routes = [
  [/^#\/campaigns\/([^/?]+)$/, campaignPage, 'campaigns'],
  [/^#\/chambers\/([^/?]+)$/, chamberPage, 'chambers'],
  [/^#\/chambers$/, chamberWall, 'chambers'],
  [/^#\/modules\/([^/?]+)(?:\?campaign=([^&]+))?$/, modulePage, 'campaigns'],
  [/^#\/tasks\/(\d+)$/, taskPage, 'tasks'],
  [/^#\/tasks$/, taskInbox, 'tasks'],
  [/^#\/plans$/, plansPage, 'plans'],
  [/^#?\/?(campaigns)?$/, campaignList, 'campaigns'],
];

async function route() {
  timers.forEach(clearInterval); timers = [];
  cleanups.forEach((f) => f()); cleanups = [];
  const hash = location.hash || '#/campaigns';
  for (const [re, page, nav] of routes) {
    const m = hash.match(re);
    if (m) {
      document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('current', a.id === 'nav-' + nav));
      document.querySelectorAll('header nav a').forEach((a) => a.toggleAttribute('aria-current', a.id === 'nav-' + nav));
      main.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
      try { await page(...m.slice(1).map((x) => (x ? decodeURIComponent(x) : x))); } catch (e) { showError(e); }
      return;
    }
  }
  main.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, link('#/campaigns', 'Campaigns')));
}
window.addEventListener('hashchange', route);

/* ---------- campaigns ---------- */

async function campaignList() {
  title('Campaigns');
  const body = h('div', { id: 'campaign-list' });
  main.replaceChildren(h('h1', {}, 'Campaigns'), h('p', {}, link('#/plans', 'Launch a campaign from a plan')), body);
  const load = async () => {
    const list = await get('/api/campaigns');
    const views = await Promise.all(list.slice(0, 50).map((c) => get('/api/campaigns/' + encodeURIComponent(c.id)).catch(() => null)));
    const rows = list.map((c, i) => {
      const v = views[i];
      const pct = v ? v.progressPercent : null;
      return h('tr', { 'data-campaign': c.id },
        h('td', {}, link('#/campaigns/' + encodeURIComponent(c.id), c.id)),
        h('td', {}, c.title), h('td', {}, (c.chamber || '').split(', ').filter((x) => x && x !== 'none').flatMap((x, j) => [j ? ', ' : '', link('#/chambers/' + encodeURIComponent(x), x)])),
        h('td', { class: 'state ' + c.state }, c.state),
        h('td', { class: 'num' }, pct == null ? '' : [h('progress', { max: 100, value: pct, 'aria-label': 'progress of ' + c.id }), ' ', num(pct, 0) + ' %']),
        h('td', {}, v && v.eta ? fmtTime(v.eta) : ''),
        h('td', { class: 'state ' + c.verdict }, c.verdict),
        h('td', {}, v ? [v.waitingForChamber ? 'chamber: ' + v.waitingForChamber : '', ...v.openTasks].filter((x) => x).join('; ') : ''));
    });
    body.replaceChildren(table('campaigns', ['Campaign', 'Title', 'Chamber', 'State', 'Progress', 'ETA', 'Verdict', 'Waiting for'], rows));
  };
  await load();
  every(4000, load);
}

async function campaignPage(id) {
  const path = '/api/campaigns/' + encodeURIComponent(id);
  let view = await get(path);
  title(id);
  const facts = h('div');
  const actions = h('div', { class: 'actions' });
  const tasks = h('div');
  const incidents = h('div');
  const legs = h('div');
  const failures = h('div');
  const logbook = h('div');
  const report = h('div');
  const diagramBox = h('div', { id: 'diagram', role: 'img', 'aria-label': 'BPMN diagram of the campaign workflow' });
  const legend = h('p', { class: 'legend muted' },
    h('span', {}, h('i', { style: 'background:#dcebff;border:2px solid #0b5cad' }), 'active'),
    h('span', {}, h('i', { style: 'background:#e6f4ea' }), 'done'),
    h('span', {}, h('i', { style: 'background:#1a7f37' }), 'path taken'),
    h('span', {}, h('i', { style: 'background:#fdecea;border:2px solid #c62828' }), 'incident'));
  main.replaceChildren(
    h('h1', {}, view.campaign.title, ' ', h('span', { class: 'muted' }, id)),
    h('div', { class: 'row' }, facts, h('div', {}, actions, tasks, incidents)),
    h('h2', {}, 'Workflow'), legend, diagramBox,
    h('h2', {}, 'Legs'), legs, h('h2', {}, 'Failures'), failures,
    h('h2', {}, 'Report'), report, h('h2', {}, 'Logbook'), logbook);

  const viewer = new BpmnJS({ container: diagramBox });
  cleanups.push(() => viewer.destroy());
  let xml = null;
  let marked = [];
  const drawDiagram = async () => {
    const d = await get(path + '/diagram');
    if (d.xml !== xml) {
      xml = d.xml;
      await viewer.importXML(xml);
      viewer.get('canvas').zoom('fit-viewport');
      marked = [];
    }
    const canvas = viewer.get('canvas');
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    marked.forEach(([el, m]) => canvas.removeMarker(el, m));
    marked = [];
    overlays.remove({ type: 'sf-count' });
    const mark = (el, m) => { if (registry.get(el)) { canvas.addMarker(el, m); marked.push([el, m]); } };
    const active = [];
    for (const [el, s] of Object.entries(d.elements)) {
      const shape = registry.get(el);
      // the process itself is an element instance too: it is the canvas, not a mark
      if (!shape || shape.type === 'bpmn:Process' || shape === canvas.getRootElement()) continue;
      // a multi-instance leg can be active in one instance and done in another: both marks
      if (s.active) { mark(el, 'sf-active'); active.push(el); }
      if (s.completed || s.terminated) mark(el, 'sf-done');
      if (s.incidents) mark(el, 'sf-incident');
      const badges = [];
      if (s.active) badges.push(h('span', { class: 'sf-count', title: 'active' }, String(s.active)));
      if (s.completed > 1 || (s.completed && s.active)) badges.push(h('span', { class: 'sf-count done', title: 'completed' }, '✓ ' + s.completed));
      if (s.incidents) badges.push(h('span', { class: 'sf-count incident', title: 'incidents' }, '⚠ ' + s.incidents));
      if (badges.length) overlays.add(el, 'sf-count', { position: { bottom: 8, right: 14 }, html: h('div', {}, badges) });
    }
    d.flowsTaken.forEach((f) => mark(f, 'sf-flow'));
    diagramBox.setAttribute('data-active', active.join(' '));
    diagramBox.setAttribute('aria-label', 'BPMN diagram of the campaign workflow; active: ' + (active.join(', ') || 'none'));
  };

  const draw = async () => {
    const c = view.campaign;
    facts.replaceChildren(h('dl', { class: 'facts', id: 'campaign-facts' },
      h('dt', {}, 'State'), h('dd', { class: 'state ' + c.state, id: 'campaign-state' }, c.state + (c.outcome ? ' (' + c.outcome + ')' : '')),
      h('dt', {}, 'Verdict'), h('dd', { class: 'state ' + c.verdict, id: 'campaign-verdict' }, c.verdict),
      h('dt', {}, 'Progress'), h('dd', {}, h('progress', { max: 100, value: view.progressPercent, 'aria-label': 'progress' }), ' ', num(view.progressPercent, 0) + ' %'),
      h('dt', {}, 'ETA'), h('dd', {}, fmtTime(view.eta)),
      h('dt', {}, 'Current leg'), h('dd', {}, view.currentLeg || '—'),
      h('dt', {}, 'Chamber'), h('dd', {}, link('#/chambers/' + encodeURIComponent(c.chamber), c.chamber)),
      h('dt', {}, 'Product, lots'), h('dd', {}, c.product + ' · ' + c.lots),
      h('dt', {}, 'Started'), h('dd', {}, fmtTime(c.startedAt)),
      h('dt', {}, 'Ended'), h('dd', {}, fmtTime(c.endedAt) || '—')));
    actions.replaceChildren();
    if (c.state === 'ACTIVE') {
      const act = async (what, body) => {
        const r = await api('POST', path + '/' + what, body);
        if (!r.ok) alert((r.data && r.data.detail) || r.status);
        view = await get(path); draw();
      };
      const reason = h('input', { id: 'abort-reason', placeholder: 'why', maxlength: 500 });
      actions.append(
        h('button', { class: 'secondary', onclick: () => act('pause') }, 'Pause leg'),
        h('button', { class: 'secondary', onclick: () => act('resume') }, 'Resume leg'),
        h('label', { for: 'abort-reason', class: 'muted', style: 'display:inline' }, 'Abort reason'), reason,
        h('button', { class: 'danger', onclick: () => { if (confirm('Abort campaign ' + id + '?')) act('abort', { reason: reason.value }); } }, 'Abort'));
    }
    const open = await get('/api/tasks?campaignId=' + encodeURIComponent(id)).catch(() => []);
    tasks.replaceChildren(h('h3', {}, 'Waiting for'), open.length
      ? h('ul', { id: 'campaign-tasks' }, open.map((t) => h('li', {}, link('#/tasks/' + t.key, t.name), ' ', h('span', { class: 'muted' }, (t.candidateGroups || []).join(', ') + (t.assignee ? ' · ' + t.assignee : '')))))
      : h('p', { class: 'muted' }, 'No open task'));
    incidents.replaceChildren();
    if (view.incidents.length) {
      incidents.append(h('h3', { class: 'bad' }, 'Incidents'), h('ul', { id: 'incidents' }, view.incidents.map((i) => h('li', {},
        h('strong', {}, i.elementId), ' ', i.errorType, ': ', i.message, ' ',
        h('button', { class: 'secondary', onclick: async () => { const r = await api('POST', path + '/incidents/' + i.key + '/retry'); if (!r.ok) alert(r.data.detail); } }, 'Retry')))));
    }
    legs.replaceChildren(table('legs', ['Leg', 'Chamber', 'State', 'Progress', 'Cycles', 'Hours', 'Samples', 'Read points'],
      view.legs.map((l) => h('tr', {},
        h('td', {}, h('strong', {}, l.id), ' ', l.name), h('td', {}, c.chamber),
        h('td', { class: 'state ' + l.state }, l.state),
        h('td', { class: 'num' }, num(l.progressPercent, 0) + ' %'),
        h('td', { class: 'num' }, l.cycles ? l.cyclesDone + ' / ' + l.cycles : '—'),
        h('td', { class: 'num' }, num(l.hoursDone) + ' / ' + num(l.hours)),
        h('td', { class: 'num' }, l.samples),
        h('td', {}, l.readPoints.map((rp) => h('span', { class: rp.failed ? 'bad' : '', title: rp.failed ? 'failed: ' + rp.failed : rp.mode }, rp.label + (rp.failed ? ' ✗' : ' ✓') + '  ')))))));
    failures.replaceChildren(table('failures', ['Module', 'Leg', 'Detected', 'Criteria', 'Lanes', 'Credited', 'Last good', 'Analysis'],
      view.failures.map((f) => h('tr', {},
        h('td', {}, link('#/modules/' + encodeURIComponent(f.serial) + '?campaign=' + encodeURIComponent(id), f.serial, { class: 'module-link' })),
        h('td', {}, f.leg), h('td', {}, fmtTime(f.detectedAt)), h('td', {}, f.criteria), h('td', {}, f.lanes),
        h('td', { class: 'num' }, num(f.creditedHours) + ' h' + (f.creditedCycles ? ', ' + f.creditedCycles + ' cycles' : '')),
        h('td', {}, f.lastGoodReadPoint || ''),
        h('td', {}, f.analysisOutcome || (f.analysisInstanceKey ? 'in analysis' : 'not started'))))));
    const events = await get(path + '/events');
    logbook.replaceChildren(table('logbook', ['At', 'Who', 'What', ''],
      events.slice(-300).reverse().map((e) => h('tr', {}, h('td', {}, fmtTime(e.at)), h('td', {}, e.actor), h('td', {}, e.kind), h('td', {}, e.message)))));
    const r = await api('GET', path + '/report');
    if (r.ok) {
      const url = URL.createObjectURL(new Blob([r.data], { type: 'text/markdown' }));
      report.replaceChildren(h('p', {}, h('a', { href: url, download: id + '-report.md', id: 'report-download' }, 'Download the report (Markdown)'),
        ' · ', h('a', { href: path + '/report?format=pdf', id: 'report-pdf' }, 'PDF'),
        ' · ', h('a', { href: path + '/report?format=html', target: '_blank', id: 'report-html' }, 'HTML'),
        ' · ', h('a', { href: path + '/export', download: id + '-data.json', id: 'report-export' }, 'data (JSON)')),
        h('div', { class: 'report', id: 'report' }, markdown(r.data)));
    } else {
      report.replaceChildren(h('p', { class: 'muted' }, 'Not generated yet: it is written once the last leg has ended and every failure analysis is closed.'));
    }
  };
  await draw();
  try { await drawDiagram(); } catch (e) { diagramBox.replaceChildren(h('p', { class: 'alert' }, 'Diagram not available: ' + e.message)); }
  every(3000, async () => { view = await get(path); await draw(); await drawDiagram(); });
}

/* A small Markdown renderer for the report: headings, tables, lists, paragraphs, **bold**, `code`. */
function markdown(text) {
  const out = h('div');
  const inline = (s) => {
    const span = h('span');
    s.split(/(\*\*[^*]+\*\*|`[^`]+`)/).forEach((part) => {
      if (/^\*\*.*\*\*$/.test(part)) span.append(h('strong', {}, part.slice(2, -2)));
      else if (/^`.*`$/.test(part)) span.append(h('code', {}, part.slice(1, -1)));
      else if (part) span.append(part);
    });
    return span;
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let m;
    if ((m = line.match(/^(#{1,6})\s+(.*)$/))) out.append(h('h' + Math.min(6, m[1].length + 2), {}, inline(m[2])));
    else if (line.startsWith('|')) {
      const rows = [];
      while (i < lines.length && lines[i].startsWith('|')) rows.push(lines[i++]);
      i--;
      const cells = (r) => r.replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((x) => x.trim().replace(/\\\|/g, '|'));
      const head = cells(rows[0]);
      const bodyRows = rows.slice(rows.length > 1 && /^\|[\s:|-]+\|?$/.test(rows[1]) ? 2 : 1);
      out.append(h('table', {}, h('thead', {}, h('tr', {}, head.map((c) => h('th', {}, inline(c))))),
        h('tbody', {}, bodyRows.map((r) => h('tr', {}, cells(r).map((c) => h('td', {}, inline(c))))))));
    } else if (/^\s*[-*]\s+/.test(line)) {
      const ul = h('ul');
      while (i < lines.length && /^\s*[-*]\s+/.test(lines[i])) ul.append(h('li', {}, inline(lines[i++].replace(/^\s*[-*]\s+/, ''))));
      i--;
      out.append(ul);
    } else if (line.trim()) out.append(h('p', {}, inline(line)));
  }
  return out;
}

/* ---------- chambers ---------- */

async function activeCampaigns() {
  return (await get('/api/campaigns')).filter((c) => c.state === 'ACTIVE');
}

async function chamberWall() {
  title('Chambers');
  const wall = h('div', { class: 'cards', id: 'chamber-wall' });
  main.replaceChildren(h('h1', {}, 'Chambers'), wall);
  const load = async () => {
    const [chambers, active] = await Promise.all([get('/api/chambers'), activeCampaigns()]);
    wall.replaceChildren(...chambers.map((ch) => {
      const s = ch.state || {};
      const on = active.filter((c) => c.id === ch.reservedBy || (c.chamber || '').split(', ').includes(ch.id) && !ch.reservedBy);
      return h('section', { class: 'card', 'data-chamber': ch.id, 'aria-label': 'chamber ' + ch.id },
        h('h2', {}, link('#/chambers/' + encodeURIComponent(ch.id), ch.id)),
        h('div', { class: 'big' }, s.airTemperature == null ? '—' : num(s.airTemperature) + ' °C'),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Make'), h('dd', {}, [ch.make, ch.model].filter((x) => x).join(' ') || ch.registerMap || ''),
          h('dt', {}, 'Available'), h('dd', { class: ch.available === false ? 'bad' : 'ok' }, ch.available === false ? ch.unavailableReason : 'yes'),
          h('dt', {}, 'Setpoint'), h('dd', {}, s.airSetpoint == null ? '' : num(s.airSetpoint) + ' °C'),
          h('dt', {}, 'Humidity'), h('dd', {}, s.humidity == null ? 'off' : num(s.humidity) + ' %RH'),
          h('dt', {}, 'Mode'), h('dd', {}, ch.answering ? s.mode : h('span', { class: 'bad' }, 'not answering')),
          h('dt', {}, 'Alarms'), h('dd', { class: (s.alarms || []).length ? 'bad' : 'ok' }, (s.alarms || []).join(', ') || 'none'),
          h('dt', {}, 'Last reading'), h('dd', {}, fmtTime(s.time)),
          h('dt', {}, 'Campaign'), h('dd', {}, on.length ? on.map((c) => link('#/campaigns/' + encodeURIComponent(c.id), c.id)) : 'free')));
    }));
  };
  await load();
  every(3000, load);
}

function plotWidth(el) { return Math.max(320, Math.min(1300, (el.clientWidth || main.clientWidth || 900) - 10)); }

async function chamberPage(id) {
  title(id);
  const path = '/api/chambers/' + encodeURIComponent(id);
  const facts = h('div');
  const windowSel = h('select', { id: 'plot-window' },
    [['900', 'last 15 min'], ['3600', 'last hour'], ['21600', 'last 6 h'], ['86400', 'last 24 h']].map(([v, t]) => h('option', { value: v, selected: v === '3600' }, t)));
  const tempBox = h('div', { class: 'plot', id: 'plot-temperature', 'aria-label': 'air and load temperature against setpoint' });
  const humBox = h('div', { class: 'plot', id: 'plot-humidity', 'aria-label': 'humidity' });
  const calendar = h('div');
  main.replaceChildren(h('h1', {}, 'Chamber ', id), facts,
    h('h2', {}, 'Live plots'),
    h('p', {}, h('label', { for: 'plot-window', style: 'display:inline;margin-right:.5rem' }, 'Window'), windowSel,
      h('span', { class: 'muted' }, '  wall-clock time; readings folded into at most 400 points (min/mean/max); shaded where the air is more than 3 °C off its setpoint')),
    h('div', { class: 'plot-title' }, 'Temperature, °C'), tempBox,
    h('div', { class: 'plot-title' }, 'Humidity, %RH'), humBox,
    h('h2', {}, 'Reservations'), calendar);
  let tempPlot = null;
  let humPlot = null;
  cleanups.push(() => { tempPlot && tempPlot.destroy(); humPlot && humPlot.destroy(); });
  const shade = (u, xs, flags) => {
    const ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = 'rgba(198,40,40,0.12)';
    for (let i = 0; i < xs.length; i++) {
      if (!flags[i]) continue;
      const x = u.valToPos(xs[i], 'x', true);
      const x0 = (u.valToPos(xs[Math.max(0, i - 1)], 'x', true) + x) / 2;
      const x1 = (u.valToPos(xs[Math.min(xs.length - 1, i + 1)], 'x', true) + x) / 2;
      ctx.fillRect(x0, u.bbox.top, Math.max(2, x1 - x0), u.bbox.height);
    }
    ctx.restore();
  };
  const load = async () => {
    const [st, all] = await Promise.all([get(path), get('/api/campaigns')]);
    const s = st.state || {};
    facts.replaceChildren(h('dl', { class: 'facts', id: 'chamber-facts' },
      h('dt', {}, 'Answering'), h('dd', {}, st.answering ? 'yes' : h('span', { class: 'bad' }, 'no')),
      h('dt', {}, 'Air'), h('dd', {}, num(s.airTemperature) + ' °C (setpoint ' + num(s.airSetpoint) + ' °C)'),
      h('dt', {}, 'Load'), h('dd', {}, s.loadTemperature == null ? '—' : num(s.loadTemperature) + ' °C'),
      h('dt', {}, 'Humidity'), h('dd', {}, s.humidity == null ? 'off' : num(s.humidity) + ' %RH' + (s.humiditySetpoint == null ? '' : ' (setpoint ' + num(s.humiditySetpoint) + ')')),
      h('dt', {}, 'Mode'), h('dd', {}, s.mode || ''), h('dt', {}, 'Door'), h('dd', {}, s.doorOpen ? h('span', { class: 'bad' }, 'open') : 'closed'),
      h('dt', {}, 'Alarms'), h('dd', { id: 'chamber-alarms', class: (s.alarms || []).length ? 'bad' : 'ok' }, (s.alarms || []).join(', ') || 'none'),
      h('dt', {}, 'Missed reads'), h('dd', {}, st.missedReads)));
    const to = new Date();
    let from = new Date(to.getTime() - Number(windowSel.value) * 1000);
    const running = all.find((c) => c.chamber === id && c.state === 'ACTIVE');
    if (running && new Date(running.startedAt) > from) from = new Date(running.startedAt);
    const buckets = await get(path + '/telemetry?points=400&from=' + from.toISOString() + '&to=' + to.toISOString());
    const xs = buckets.map((b) => new Date(b.at).getTime() / 1000);
    const off = buckets.map((b) => Math.abs(b.airMean - b.setpoint) > 3);
    const tData = [xs, buckets.map((b) => b.airMin), buckets.map((b) => b.airMean), buckets.map((b) => b.airMax), buckets.map((b) => b.loadMean), buckets.map((b) => b.setpoint)];
    const hData = [xs, buckets.map((b) => b.humidityMean)];
    const w = plotWidth(tempBox);
    if (!tempPlot) {
      tempPlot = new uPlot({ width: w, height: 300, hooks: { drawClear: [(u) => shade(u, u.data[0], u._off || [])] },
        series: [{}, { label: 'air min', stroke: '#9ecbff' }, { label: 'air mean', stroke: '#0b5cad', width: 2 }, { label: 'air max', stroke: '#9ecbff' },
          { label: 'load', stroke: '#b26a00', width: 2 }, { label: 'setpoint', stroke: '#444', dash: [6, 4] }] }, tData, tempBox);
      humPlot = new uPlot({ width: w, height: 200, series: [{}, { label: 'humidity', stroke: '#1a7f37', width: 2 }] }, hData, humBox);
    }
    tempPlot._off = off;
    tempPlot.setData(tData);
    humPlot.setData(hData);
    tempBox.setAttribute('data-points', String(xs.length));
    humBox.setAttribute('data-points', String(hData[1].filter((v) => v != null).length));
    const mine = all.filter((c) => c.chamber === id);
    const views = await Promise.all(mine.map((c) => (c.state === 'ACTIVE' ? get('/api/campaigns/' + encodeURIComponent(c.id)).catch(() => null) : null)));
    calendar.replaceChildren(table('reservations', ['Campaign', 'State', 'From', 'Until'], mine.map((c, i) => h('tr', {},
      h('td', {}, link('#/campaigns/' + encodeURIComponent(c.id), c.id + ' ' + c.title)), h('td', { class: 'state ' + c.state }, c.state),
      h('td', {}, fmtTime(c.startedAt)), h('td', {}, c.endedAt ? fmtTime(c.endedAt) : views[i] && views[i].eta ? 'about ' + fmtTime(views[i].eta) : 'open')))));
  };
  windowSel.addEventListener('change', load);
  await load();
  every(3000, load);
}

/* ---------- modules ---------- */

const dbm = (mw) => (mw == null || mw <= 0 ? null : 10 * Math.log10(mw));

async function modulePage(serial, campaignId) {
  title(serial);
  const q = campaignId ? '?campaignId=' + encodeURIComponent(campaignId) : '';
  const [module, hist] = await Promise.all([
    get('/api/modules/' + encodeURIComponent(serial)).catch(() => null),
    get('/api/modules/' + encodeURIComponent(serial) + '/samples' + q)]);
  const view = await get('/api/campaigns/' + encodeURIComponent(hist.campaignId)).catch(() => null);
  const failure = view ? view.failures.find((f) => f.serial === serial) : null;
  const withInSitu = h('input', { type: 'checkbox', id: 'in-situ' });
  const plots = h('div', { id: 'lane-plots' });
  main.replaceChildren(
    h('h1', {}, 'Module ', serial),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Campaign'), h('dd', {}, link('#/campaigns/' + encodeURIComponent(hist.campaignId), hist.campaignId)),
      h('dt', {}, 'Lot'), h('dd', {}, module ? module.lot || '' : ''),
      h('dt', {}, 'Part number'), h('dd', {}, module ? module.partNumber || '' : ''),
      h('dt', {}, 'Other campaigns'), h('dd', {}, hist.campaigns.filter((c) => c !== hist.campaignId).map((c) => link('#/modules/' + encodeURIComponent(serial) + '?campaign=' + encodeURIComponent(c), c + ' '))) ),
    failure ? h('section', { class: 'alert', id: 'failure-snapshot', 'aria-label': 'failure' },
      h('strong', {}, 'Failed'), ' in leg ', failure.leg, ' at ', fmtTime(failure.detectedAt), ': ', failure.criteria,
      h('br'), 'Lanes ', failure.lanes, ' · credited ', num(failure.creditedHours), ' h',
      failure.creditedCycles ? ', ' + failure.creditedCycles + ' cycles' : '', ' · last good read point ', failure.lastGoodReadPoint || '—',
      ' · analysis ', failure.analysisOutcome || (failure.analysisInstanceKey ? 'in progress' : 'not started')) : null,
    h('h2', {}, 'Lanes across read points'),
    h('p', {}, withInSitu, h('label', { for: 'in-situ', style: 'display:inline;font-weight:400' }, ' include in-situ readings'),
      h('span', { class: 'muted' }, '  dashed: the leg\'s limits (absolute, and relative to the baseline on the failed lanes)')),
    plots, h('h2', {}, 'Readings'), h('div', { id: 'readings' }));
  const failedLanes = failure ? (String(failure.lanes).match(/\d+/g) || []).map(Number) : [];
  const draw = () => {
    plots.replaceChildren();
    const samples = hist.samples.filter((s) => withInSitu.checked || s.kind !== 'IN_SITU');
    const lanes = [...new Set(samples.flatMap((s) => s.lanes.map((l) => l.lane)))].sort((a, b) => a - b);
    const xs = samples.map((_, i) => i);
    const labels = samples.map((s) => (s.kind === 'BASELINE' ? 'baseline' : s.label || s.kind.toLowerCase()) + (s.leg ? ' (' + s.leg + ')' : ''));
    const base = samples.find((s) => s.kind === 'BASELINE');
    const crit = (s) => (hist.criteria && hist.criteria[s.leg]) || {};
    const metrics = [
      ['Tx power, dBm', (l) => dbm(l.txMw), 'txPowerMinDbm', (b, c) => { const drop = c.txPowerDropDb != null ? c.txPowerDropDb : c.txPowerDriftDb; return drop != null && b != null ? b - drop : null; }],
      ['Rx power, dBm', (l) => dbm(l.rxMw), 'rxPowerMinDbm', (b, c) => (c.rxPowerDropDb != null && b != null ? b - c.rxPowerDropDb : null)],
      ['Bias, mA', (l) => l.biasMa, 'txBiasMaxMa', (b, c) => (c.biasRisePercent != null && b != null ? b * (1 + c.biasRisePercent / 100) : null)],
    ];
    const colors = ['#0b5cad', '#b26a00', '#1a7f37', '#6a1b9a', '#00838f', '#5d4037', '#ad1457', '#455a64'];
    for (const [name, value, absKey, rel] of metrics) {
      const series = [{ label: 'reading', value: (u, v) => (v == null ? '' : labels[v] || '') }];
      const data = [xs];
      lanes.forEach((lane, i) => {
        series.push({ label: 'lane ' + lane, stroke: colors[i % colors.length], width: failedLanes.includes(lane) ? 3 : 1.5, points: { show: true } });
        data.push(samples.map((s) => { const l = s.lanes.find((x) => x.lane === lane); return l ? value(l) : null; }));
      });
      const absVals = samples.map((s) => (crit(s)[absKey] != null ? crit(s)[absKey] : null));
      if (absVals.some((v) => v != null)) { series.push({ label: 'limit', stroke: '#c62828', dash: [6, 4] }); data.push(absVals); }
      (failedLanes.length ? failedLanes : lanes.slice(0, 1)).forEach((lane) => {
        const bl = base && base.lanes.find((x) => x.lane === lane);
        const vals = samples.map((s) => rel(bl ? value(bl) : null, crit(s)));
        if (vals.some((v) => v != null)) { series.push({ label: 'lane ' + lane + ' limit', stroke: '#c62828', dash: [2, 3] }); data.push(vals); }
      });
      const box = h('div', { class: 'plot lane-plot', 'data-points': String(xs.length * lanes.length), 'aria-label': name + ' per lane' });
      plots.append(h('div', { class: 'plot-title' }, name), box);
      const u = new uPlot({ width: plotWidth(plots), height: 240, series,
        axes: [{ values: (u, vals) => vals.map((v) => (Number.isInteger(v) ? labels[v] || '' : '')), space: 70 }, {}],
        scales: { x: { time: false } } }, data, box);
      cleanups.push(() => u.destroy());
    }
    document.getElementById('readings').replaceChildren(table('module-readings', ['Reading', 'Leg', 'At', 'Hours', 'State', 'Temp °C', 'Vcc V', 'Verdict', 'Problems', 'Flags'],
      samples.map((s, i) => h('tr', {}, h('td', {}, labels[i]), h('td', {}, s.leg), h('td', {}, fmtTime(s.at)), h('td', { class: 'num' }, num(s.stressHours)),
        h('td', {}, s.state || ''), h('td', { class: 'num' }, num(s.temperature)), h('td', { class: 'num' }, num(s.vcc, 3)),
        h('td', { class: 'state ' + s.verdict }, s.verdict), h('td', {}, s.problems || ''), h('td', {}, s.flags || '')))));
  };
  withInSitu.addEventListener('change', draw);
  draw();
}

/* ---------- tasks ---------- */

async function loadMe() {
  const me = await get('/api/me');
  ME.name = me.username;
  ME.roles = me.roles || [];
}

function mine(t) {
  return t.assignee === ME.name || (t.candidateGroups || []).some((g) => ME.roles.includes(g)) || ME.roles.includes('admin');
}

async function taskInbox() {
  title('Tasks');
  const body = h('div');
  main.replaceChildren(h('h1', {}, 'Task inbox'), h('p', { class: 'muted' }, 'Open tasks for your roles (' + ME.roles.join(', ') + ').'), body);
  const load = async () => {
    const list = (await get('/api/tasks')).filter(mine);
    body.replaceChildren(table('tasks', ['Task', 'Campaign', 'Group', 'Assignee', 'Created'], list.map((t) => h('tr', { 'data-element': t.elementId },
      h('td', {}, link('#/tasks/' + t.key, t.name, { class: 'task-link' })),
      h('td', {}, t.campaignId ? link('#/campaigns/' + encodeURIComponent(t.campaignId), t.campaignId) : ''),
      h('td', {}, (t.candidateGroups || []).join(', ')), h('td', {}, t.assignee || h('span', { class: 'muted' }, 'unclaimed')),
      h('td', {}, fmtTime(t.created))))));
  };
  await load();
  every(3000, load);
}

async function taskPage(key) {
  let task = await get('/api/tasks/' + key);
  title(task.name);
  const status = h('div', { id: 'task-status', role: 'status' });
  const errors = h('div', { id: 'task-errors', role: 'alert' });
  const claimInfo = h('span', { id: 'task-assignee' });
  const formBox = h('div', { class: 'form-box', id: 'task-form' });
  const signed = SIGNED[task.elementId];
  const sig = signed ? h('fieldset', { id: 'signature' }, h('legend', {}, 'Signature'),
    h('p', { class: 'muted' }, 'This decision is signed: enter your password again and what your signature means.'),
    h('p', {}, h('label', { for: 'sig-password' }, 'Your password'), h('input', { id: 'sig-password', type: 'password', autocomplete: 'current-password', required: true })),
    h('p', {}, h('label', { for: 'sig-meaning' }, 'Meaning of your signature'), h('input', { id: 'sig-meaning', value: signed, required: true }))) : null;
  const claimBtn = h('button', { class: 'secondary', id: 'claim' }, 'Claim');
  const unclaimBtn = h('button', { class: 'secondary', id: 'unclaim' }, 'Give back');
  const completeBtn = h('button', { id: 'complete' }, 'Complete');
  main.replaceChildren(
    h('h1', {}, task.name),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Campaign'), h('dd', {}, task.campaignId ? link('#/campaigns/' + encodeURIComponent(task.campaignId), task.campaignId) : '—'),
      h('dt', {}, 'Group'), h('dd', {}, (task.candidateGroups || []).join(', ')),
      h('dt', {}, 'Assignee'), h('dd', {}, claimInfo),
      h('dt', {}, 'Created'), h('dd', {}, fmtTime(task.created))),
    h('div', { class: 'actions' }, claimBtn, unclaimBtn), status, errors, formBox, sig,
    h('div', { class: 'actions' }, completeBtn, link('#/tasks', 'Back to the inbox')));
  const showClaim = () => {
    claimInfo.textContent = task.assignee || 'unclaimed';
    claimBtn.disabled = task.assignee === ME.name;
    unclaimBtn.disabled = !task.assignee;
  };
  showClaim();
  const data = Object.assign({}, task.variables || {});
  if (task.form) for (const c of task.form.components || []) if (PERSON_FIELDS.includes(c.key) && !data[c.key]) data[c.key] = ME.name;
  let form = null;
  if (task.form) {
    form = new FormViewer.Form({ container: formBox });
    await form.importSchema(task.form, data);
    cleanups.push(() => form.destroy());
  } else {
    formBox.replaceChildren(h('p', { class: 'muted' }, 'This task has no form.'));
  }
  const reply = (r, ok) => {
    errors.replaceChildren();
    if (r.ok) { status.replaceChildren(h('p', { class: 'notice' }, ok)); return true; }
    const d = r.data || {};
    errors.replaceChildren(h('div', { class: 'alert' }, h('strong', {}, d.title || 'Refused'), ': ', d.detail || String(r.status),
      d.problems ? h('ul', {}, d.problems.map((p) => h('li', {}, (p.field || p.path || '') + ': ' + p.message))) : null));
    if (form && d.problems) {
      const byKey = {};
      form.get('formFieldRegistry').getAll().forEach((f) => { if (f.key) byKey[f.key] = f.id; });
      const fieldErrors = {};
      d.problems.forEach((p) => { const id = byKey[p.field || p.path]; if (id) (fieldErrors[id] = fieldErrors[id] || []).push(p.message); });
      form._setState({ errors: fieldErrors });
    }
    if (d.detail && /signature|password/i.test(d.detail) && sig) sig.querySelector('input').focus();
    return false;
  };
  claimBtn.addEventListener('click', async () => {
    const r = await api('POST', '/api/tasks/' + key + '/claim', {});
    if (reply(r, 'Claimed: the task is yours.')) { task = r.data; showClaim(); }
  });
  unclaimBtn.addEventListener('click', async () => {
    const r = await api('POST', '/api/tasks/' + key + '/unclaim', {});
    if (reply(r, 'Given back to the group.')) { task = r.data; showClaim(); }
  });
  completeBtn.addEventListener('click', async () => {
    let values = {};
    if (form) {
      const result = form.submit();
      if (Object.keys(result.errors).length) {
        errors.replaceChildren(h('p', { class: 'alert' }, 'Please correct the marked fields.'));
        const first = formBox.querySelector('.fjs-has-errors input, .fjs-has-errors textarea, .fjs-has-errors select');
        if (first) first.focus();
        return;
      }
      values = result.data;
    }
    if (sig) values.signature = { password: document.getElementById('sig-password').value, meaning: document.getElementById('sig-meaning').value };
    completeBtn.disabled = true;
    const r = await api('POST', '/api/tasks/' + key + '/complete', values);
    completeBtn.disabled = false;
    if (reply(r, 'Completed.')) {
      formBox.replaceChildren(h('p', { class: 'notice', id: 'task-done' }, 'Task completed. ', link('#/tasks', 'Back to the inbox')));
      completeBtn.disabled = true; claimBtn.disabled = true; unclaimBtn.disabled = true;
      if (sig) sig.remove();
    }
  });
}

/* ---------- plans ---------- */

async function plansPage() {
  title('Plans');
  const text = h('textarea', { id: 'plan-text', spellcheck: 'false', 'aria-describedby': 'plan-help' });
  const file = h('input', { type: 'file', id: 'plan-file', accept: '.yaml,.yml,text/yaml' });
  const result = h('div', { id: 'plan-result', role: 'status' });
  const presets = h('div');
  file.addEventListener('change', async () => { if (file.files[0]) text.value = await file.files[0].text(); });
  const show = (r) => {
    const d = r.data || {};
    const problems = d.problems || [];
    const parts = [];
    if (problems.length) parts.push(h('div', { class: 'alert', role: 'alert' }, h('strong', {}, problems.length + ' problem(s)'),
      table('plan-problems', ['Field', 'Problem'], problems.map((p) => h('tr', {}, h('td', {}, h('code', {}, p.path || p.field || '')), h('td', {}, p.message))))));
    else if (!r.ok) parts.push(h('p', { class: 'alert', role: 'alert' }, (d.title || r.status) + ': ' + (d.detail || '')));
    if (d.legs && d.legs.length) {
      let start = 0;
      parts.push(h('h2', {}, 'Estimated schedule'), h('p', { class: 'muted' }, 'Nominal profile time, legs one after the other (recoveries and tasks add to it).'),
        table('plan-schedule', ['Leg', 'Starts at h', 'Hours', 'Cycles', 'Samples', 'LTPD (90 %)'], d.legs.map((l) => {
          const row = h('tr', {}, h('td', {}, l.id), h('td', { class: 'num' }, num(start)), h('td', { class: 'num' }, num(l.hours)), h('td', { class: 'num' }, l.cycles || '—'),
            h('td', { class: 'num' }, l.samples), h('td', { class: 'num' }, l.ltpd == null || l.ltpd === 'NaN' ? '—' : num(100 * l.ltpd) + ' %'));
          start += l.hours;
          return row;
        })));
    }
    if (r.ok && !problems.length) parts.unshift(h('p', { class: 'notice' }, 'The plan is valid.'));
    result.replaceChildren(...parts);
  };
  const validate = async () => show(await api('POST', '/api/plans/validation', text.value, 'application/yaml'));
  const launch = async () => {
    const r = await api('POST', '/api/campaigns', text.value, 'application/yaml');
    if (r.status === 201) location.hash = '#/campaigns/' + encodeURIComponent(r.data.campaign.id);
    else show(r);
  };
  main.replaceChildren(h('h1', {}, 'Plans'),
    h('p', { id: 'plan-help', class: 'muted' }, 'Upload a plan file or paste it (YAML, see the README\'s "Campaign plans"), validate it, then launch.'),
    h('p', {}, h('label', { for: 'plan-file' }, 'Upload a plan file'), file),
    h('p', {}, h('label', { for: 'plan-text' }, 'Plan (YAML)'), text),
    h('div', { class: 'actions' }, h('button', { id: 'validate', class: 'secondary', onclick: validate }, 'Validate'), h('button', { id: 'launch', onclick: launch }, 'Launch')),
    result, h('h2', {}, 'Presets'), presets);
  const p = await get('/api/plans/presets').catch(() => ({}));
  presets.replaceChildren(h('ul', {}, Object.entries(p).map(([k, v]) => h('li', {}, h('code', {}, k), ' ', v.name || ''))));
}

/* ---------- start ---------- */

async function taskCount() {
  try {
    const n = (await get('/api/tasks')).filter(mine).length;
    document.getElementById('task-count').textContent = n ? String(n) : '';
  } catch (e) { /* the badge is a convenience */ }
}

(async () => {
  try { await loadMe(); } catch (e) { /* redirected to the login */ }
  setInterval(taskCount, 5000);
  taskCount();
  route();
})();
