// The admin page (/admin/, served only with the admin token): rooms by game, updated every second
// from GET /admin/api/rooms; a chart of players and snapshot bandwidth over the last 5 minutes
// (GET /admin/api/history, drawn by the vendored uPlot); a room's live view, a spectator of the
// JavaScript SDK (POST /admin/api/rooms/:id/watch gives the token: it takes no seat); kick a
// player (POST .../kick/:player, closed with 4012) and dispose a room (DELETE /admin/api/rooms/:id);
// "watch delayed" opens the viewer on a room's broadcast (its admin JSON's `broadcast`), and the
// replays (GET /recordings, every 5 s) open the viewer on a finished recording.
// The browser sends the admin credentials (HTTP Basic, asked once) with every request; every request
// also carries X-Tickcast-Admin, without which the server refuses a change (no other site's form or
// simple request can send it). The page keeps to the strict CSP of /admin: no inline script or style.
// State for tests: <body data-ready data-rooms data-players>, rows tr[data-room-id][data-players],
// #live[data-room-id][data-snapshots][data-entities], #replays[data-count] tr[data-recording-id] a.replay.

import { TickcastClient } from '/sdk/index.js';
import { drawDots } from '/viewer/dots.js';

const POLL_MS = 1000;
const $ = (id) => document.getElementById(id);
const previous = new Map(); // room id -> {bytes, time}
let live = null; // {roomId, client}
let ccuChart = null;
let bwChart = null;

async function api(method, path) {
  const res = await fetch(path, {
    method, credentials: 'same-origin', headers: { accept: 'application/json', 'X-Tickcast-Admin': '1' },
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new Error(`${method} ${path}: HTTP ${res.status} ${body.error ?? ''}`);
  }
  return body;
}

function text(tag, value, cls) {
  const el = document.createElement(tag);
  el.textContent = value;
  if (cls) {
    el.className = cls;
  }
  return el;
}

function button(label, onClick, cls) {
  const b = text('button', label, cls);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function link(label, href, cls) {
  const a = text('a', label, cls);
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener';
  return a;
}

function age(ms) {
  const s = Math.floor(ms / 1000);
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.floor(s / 60)} min` : `${Math.floor(s / 3600)} h`;
}

/** KB/s of a room from the growth of its byte count since the last poll. */
function bandwidth(room, now) {
  const last = previous.get(room.id);
  previous.set(room.id, { bytes: room.bytesSent, time: now });
  if (!last || now <= last.time) {
    return null;
  }
  return (room.bytesSent - last.bytes) / (now - last.time); // bytes per ms = KB/s
}

function renderRooms(data) {
  const byGame = new Map();
  for (const room of data.rooms) {
    if (!byGame.has(room.game)) {
      byGame.set(room.game, []);
    }
    byGame.get(room.game).push(room);
  }
  const section = $('rooms');
  section.replaceChildren();
  let players = 0;
  let kbps = 0;
  for (const [game, rooms] of byGame) {
    const box = document.createElement('div');
    box.className = 'game';
    box.dataset.game = game;
    box.append(text('h2', `${game}: ${rooms.length} room${rooms.length === 1 ? '' : 's'}`));
    const table = document.createElement('table');
    const head = document.createElement('tr');
    for (const [h, cls] of [['room', ''], ['players', 'num'], ['dropped', 'num hide-narrow'], ['tick ms', 'num'],
      ['KB/s', 'num'], ['age', 'num hide-narrow'], ['', '']]) {
      head.append(text('th', h, cls));
    }
    table.append(head);
    for (const room of rooms) {
      const bw = bandwidth(room, data.time);
      players += room.players;
      kbps += bw ?? 0;
      const tr = document.createElement('tr');
      tr.dataset.roomId = room.id;
      tr.dataset.players = String(room.players);
      tr.append(text('td', room.id), text('td', `${room.players}/${room.maxPlayers}`, 'num'),
        text('td', String(room.dropped), 'num hide-narrow'), text('td', room.tickMs.toFixed(2), 'num'),
        text('td', bw === null ? '…' : bw.toFixed(1), 'num'), text('td', age(room.ageMs), 'num hide-narrow'));
      const actions = document.createElement('td');
      actions.append(button('Watch', () => watch(room.id, room.game), 'watch'), ' ');
      if (typeof room.broadcast === 'string' && room.broadcast.startsWith('/')) {
        actions.append(link('Watch delayed', `/viewer/?broadcast=${encodeURIComponent(room.broadcast)}`, 'delayed'), ' ');
      }
      actions.append(button('Dispose', () => dispose(room.id), 'danger dispose'));
      tr.append(actions);
      table.append(tr);
      if (live && live.roomId === room.id) {
        renderSeats(room);
      }
    }
    box.append(table);
    section.append(box);
  }
  if (data.rooms.length === 0) {
    section.append(text('p', 'No rooms open.'));
  }
  $('totals').textContent = `${data.rooms.length} rooms, ${players} players online, ${kbps.toFixed(1)} KB/s of snapshots`;
  Object.assign(document.body.dataset, { rooms: String(data.rooms.length), players: String(players) });
}

function renderSeats(room) {
  const body = $('seats').tBodies[0];
  body.replaceChildren();
  for (const seat of room.seats) {
    const tr = document.createElement('tr');
    tr.dataset.playerId = String(seat.playerId);
    // the subject a verified token vouches for (null for a guest), beside the name; text only, never markup
    tr.append(text('td', String(seat.playerId)), text('td', seat.dropped ? `${seat.name} (dropped)` : seat.name),
      text('td', seat.subject == null ? 'guest' : seat.subject, seat.subject == null ? 'subject guest' : 'subject'));
    const td = document.createElement('td');
    td.append(button('Kick', () => kick(room.id, seat.playerId), 'danger kick'));
    tr.append(td);
    body.append(tr);
  }
}

async function poll() {
  try {
    renderRooms(await api('GET', '/admin/api/rooms'));
    $('error').textContent = '';
    document.body.dataset.ready = 'true';
  } catch (e) {
    $('error').textContent = e.message;
  }
}

/** The finished recordings (GET /recordings, public), newest first, each a link to the viewer. */
async function replays() {
  try {
    const res = await fetch('/recordings', { headers: { accept: 'application/json' } });
    if (!res.ok) {
      throw new Error(`GET /recordings: HTTP ${res.status}`);
    }
    const list = await res.json();
    const body = $('replays-list').tBodies[0];
    body.replaceChildren();
    for (const r of list) {
      const tr = document.createElement('tr');
      tr.dataset.recordingId = r.id;
      const a = link(`${r.game} ${r.room}`, `/viewer/?recording=${encodeURIComponent(r.id)}`, 'replay');
      const td = document.createElement('td');
      td.append(a);
      tr.append(td, text('td', new Date(r.startedAt).toLocaleString(), 'hide-narrow'),
        text('td', age(r.durationMs), 'num'), text('td', String(r.players), 'num hide-narrow'),
        text('td', `${(r.bytes / 1000).toFixed(1)} kB`, 'num'));
      body.append(tr);
    }
    $('replays').dataset.count = String(list.length);
    $('replays-empty').hidden = list.length > 0;
  } catch (e) {
    $('error').textContent = e.message;
  }
}

// ---- the chart -----------------------------------------------------------------------------

function chart(el, label, color) {
  const width = Math.max(200, el.clientWidth || 300);
  return new uPlot({
    width, height: 160, legend: { show: false },
    series: [{}, { label, stroke: color, width: 2, fill: `${color}33` }],
    axes: [{ stroke: '#9fb0c0', grid: { stroke: '#263040' } }, { stroke: '#9fb0c0', grid: { stroke: '#263040' } }],
    scales: { x: { time: true } },
  }, [[], []], el);
}

async function history() {
  try {
    const h = await api('GET', '/admin/api/history');
    const t = h.samples.map((s) => s.time / 1000);
    ccuChart ??= chart($('ccu-chart'), 'players', '#58a6ff');
    bwChart ??= chart($('bw-chart'), 'KB/s', '#3fb950');
    ccuChart.setData([t, h.samples.map((s) => s.players)]);
    bwChart.setData([t, h.samples.map((s) => s.bytesPerSecond / 1000)]);
    document.body.dataset.samples = String(h.samples.length);
  } catch (e) {
    $('error').textContent = e.message;
  }
}

// ---- actions -------------------------------------------------------------------------------

async function kick(roomId, playerId) {
  try {
    await api('POST', `/admin/api/rooms/${encodeURIComponent(roomId)}/kick/${playerId}`);
    await poll();
  } catch (e) {
    $('error').textContent = e.message;
  }
}

async function dispose(roomId) {
  try {
    await api('DELETE', `/admin/api/rooms/${encodeURIComponent(roomId)}`);
    if (live && live.roomId === roomId && !live.closed) {
      $('live-status').textContent = 'disposed'; // the close (4005) may have come first: keep its code
    }
    await poll();
  } catch (e) {
    $('error').textContent = e.message;
  }
}

function stopWatching() {
  if (live) {
    live.client.close();
    live = null;
  }
  $('live').hidden = true;
}

async function watch(roomId, game) {
  stopWatching();
  const el = $('live');
  el.hidden = false;
  el.dataset.roomId = roomId;
  el.dataset.snapshots = '0';
  $('live-room').textContent = roomId;
  $('live-status').textContent = 'connecting';
  const client = new TickcastClient({
    game,
    name: 'admin',
    reconnect: false,
  });
  client.on('state', (state) => renderState(state));
  client.on('close', ({ code, reason }) => {
    session.closed = true;
    if (live === session) { // not a view the operator has since left
      $('live-status').textContent = `closed ${code} ${reason}`;
    }
  });
  const session = { roomId, client, snapshots: 0, closed: false };
  live = session;
  try {
    const seat = await api('POST', `/admin/api/rooms/${encodeURIComponent(roomId)}/watch`);
    await client.spectate(seat);
    if (live === session && !session.closed) {
      $('live-status').textContent = 'live (spectator)';
    }
    await poll();
  } catch (e) {
    $('live-status').textContent = e.message;
  }
}

function renderState(state) {
  if (!live) {
    return;
  }
  live.snapshots++;
  const el = $('live');
  el.dataset.snapshots = String(live.snapshots);
  el.dataset.entities = String(state.tables.reduce((n, t) => n + t.count, 0));
  $('live-tick').textContent = `tick ${state.tick}`;
  drawDots($('live-canvas'), state);
  if (live.snapshots % 5 !== 1) {
    return; // the tables are for reading: refresh them 4 times a second at 20 Hz
  }
  const box = $('live-tables');
  box.replaceChildren();
  for (const table of state.tables) {
    box.append(text('h3', `${table.name} (${table.count})`));
    const t = document.createElement('table');
    const head = document.createElement('tr');
    head.append(text('th', 'id'));
    table.schema.fields.forEach((f) => head.append(text('th', f.name)));
    t.append(head);
    for (let row = 0; row < Math.min(table.count, 12); row++) {
      const tr = document.createElement('tr');
      tr.append(text('td', String(table.ids[row]), 'num'));
      table.schema.fields.forEach((f, i) => {
        const v = table.value(row, i);
        tr.append(text('td', typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v), 'num'));
      });
      t.append(tr);
    }
    box.append(t);
  }
}

// the charts follow their boxes' width (a phone turned, a window resized)
new ResizeObserver(() => {
  for (const [c, id] of [[ccuChart, 'ccu-chart'], [bwChart, 'bw-chart']]) {
    if (c) {
      c.setSize({ width: Math.max(200, $(id).clientWidth), height: 160 });
    }
  }
}).observe($('charts'));

$('live-close').addEventListener('click', stopWatching);
poll();
history();
setInterval(poll, POLL_MS);
setInterval(history, 2000);
replays();
setInterval(replays, 5000);
