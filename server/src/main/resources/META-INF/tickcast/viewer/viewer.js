// The viewer page (/viewer/): a finished recording (?recording=ID, by range; &memory=1 reads the
// whole file) or a delayed broadcast (?broadcast=<sync path, URL-encoded>), any game, drawn by the game's own
// viewer or as dots. A timeline with the markers (click: seek), play/pause, speeds 0.25x..8x, a
// tick and time readout, the players seated and the chat at the tick shown. Keys: space plays or
// pauses, arrows seek 5 s. Everything from the recording is untrusted: text goes in by textContent
// (or the renderer's fillText), never as markup.
// State for tests, on <body>: data-ready, data-mode (range, memory, broadcast), data-renderer, data-tick (the tick drawn),
// data-playing, data-speed, data-markers, data-marker-texts, data-seeks, data-frames,
// data-drawn-seek (the seeks done when the state drawn was asked for), data-first-tick, data-end-tick,
// data-delay-ms (a broadcast: how far behind live the tick shown is).

import { openSource } from './sources.js';
import { createRenderer } from './renderer.js';
import { showPicker } from './picker.js';

const $ = (id) => document.getElementById(id);
const data = document.body.dataset;
const CHAT_LINES = 8;
const SPEEDS = [0.25, 0.5, 1, 2, 4, 8];
let source = null;
let renderer = null;
let pending = false;
let requested = -1;
let shownTick = -1;
let seeks = 0;
let frames = 0;
let markersLayout = '';

function el(tag, text, cls) {
  const e = document.createElement(tag);
  e.textContent = text;
  if (cls) {
    e.className = cls;
  }
  return e;
}

function clockTime(ticks) {
  const s = Math.max(0, Math.floor(ticks / source.tickHz));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function now() {
  return performance.now();
}

function seek(tick) {
  if (!source.clock) {
    return;
  }
  source.clock.seek(Math.round(tick), now());
  data.seeks = String(++seeks);
  requested = -1;
}

function togglePlay() {
  const c = source.clock;
  if (!c) {
    return;
  }
  if (c.playing) {
    c.pause(now());
  } else {
    c.play(now());
  }
  showPlaying();
}

function showPlaying() {
  const playing = source.clock ? source.clock.playing : !source.ended;
  data.playing = String(playing);
  $('play').textContent = playing ? 'Pause' : 'Play';
}

function setSpeed(speed) {
  source.clock.setSpeed(speed, now());
  data.speed = String(speed);
  for (const b of $('speeds').children) {
    b.setAttribute('aria-pressed', String(Number(b.dataset.speed) === speed));
  }
}

function buildControls() {
  $('play').addEventListener('click', togglePlay);
  $('play').disabled = !source.clock; // a broadcast plays at its delay
  for (const s of SPEEDS) {
    const b = el('button', `${s}x`);
    b.type = 'button';
    b.dataset.speed = String(s);
    b.setAttribute('aria-pressed', String(s === 1));
    b.disabled = !source.clock;
    b.addEventListener('click', () => setSpeed(s));
    $('speeds').append(b);
  }
  data.speed = '1';
  $('timeline').addEventListener('pointerdown', (e) => {
    if (e.target.classList.contains('marker')) {
      return;
    }
    const r = $('timeline').getBoundingClientRect();
    seek(source.firstTick + ((e.clientX - r.left) / r.width) * (source.endTick - source.firstTick));
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === ' ' || e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
    }
    if (e.key === ' ' && !e.repeat) {
      togglePlay();
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const c = source.clock;
      if (c) {
        seek(c.tickAt(now()) + (e.key === 'ArrowLeft' ? -5 : 5) * source.tickHz);
      }
    }
  });
  showPlaying();
}

/** The markers on the timeline and in the list; redrawn when a broadcast adds some. */
function renderMarkers() {
  const line = $('timeline');
  line.querySelectorAll('.marker').forEach((m) => m.remove());
  const list = $('marker-list');
  list.replaceChildren();
  const span = Math.max(1, source.endTick - source.firstTick);
  for (const m of source.markers) {
    const b = el('button', '', 'marker');
    b.type = 'button';
    b.title = m.text;
    b.setAttribute('aria-label', `marker: ${m.text}`);
    b.dataset.tick = String(m.tick);
    b.style.left = `${(100 * (m.tick - source.firstTick)) / span}%`;
    b.addEventListener('click', () => seek(m.tick));
    line.append(b);
    const item = el('button', `${clockTime(m.tick - source.firstTick)} ${m.text}`);
    item.type = 'button';
    item.addEventListener('click', () => seek(m.tick));
    const li = document.createElement('li');
    li.append(item);
    list.append(li);
  }
  data.markers = String(source.markers.length);
  data.markerTexts = JSON.stringify(source.markers.map((m) => m.text));
}

/** A broadcast joined mid-match saw no JOIN: the names of a table "player" with a field "name", if any. */
function namesInState(state) {
  const t = state.table('player');
  const f = t ? t.schema.fields.findIndex((x) => x.name === 'name') : -1;
  return f < 0 ? [] : Array.from({ length: t.count }, (_, row) => String(t.value(row, f)));
}

function renderSide(tick, state) {
  const seated = source.events.playersAt(tick).map((p) => p.name);
  const names = seated.length > 0 || source.clock ? seated : namesInState(state);
  $('players').replaceChildren(...names.map((name) => el('li', name)));
  $('chat').replaceChildren(...source.events.chatAt(tick, CHAT_LINES).map((c) => {
    const li = el('li', '');
    li.append(el('span', `${c.name}:`, 'who'), el('span', c.text));
    return li;
  }));
}

function renderTimeline(tick) {
  const span = Math.max(1, source.endTick - source.firstTick);
  const pct = `${Math.max(0, Math.min(100, (100 * (tick - source.firstTick)) / span))}%`;
  $('cursor').style.left = pct;
  $('progress').style.width = pct;
  const line = $('timeline');
  line.setAttribute('aria-valuemax', String(source.endTick));
  line.setAttribute('aria-valuenow', String(tick));
  $('readout').textContent = `tick ${tick} · ${clockTime(tick - source.firstTick)} / ${clockTime(span)}`
    + (source.clock ? '' : source.ended ? ' · ended' : ` · ${(source.client.delayMs() / 1000).toFixed(1)} s behind live`);
  Object.assign(data, { firstTick: String(source.firstTick), endTick: String(source.endTick) });
  if (source.client) {
    data.delayMs = String(Math.round(source.client.delayMs()));
  }
}

function targetTick(t) {
  if (!source.clock) {
    return Math.floor(source.playbackTick(t));
  }
  const c = source.clock;
  const tick = Math.floor(c.tickAt(t));
  if (String(c.playing) !== data.playing) { // the clock stops at the end
    showPlaying();
  }
  return tick;
}

function frame() {
  requestAnimationFrame(frame);
  if (pending) {
    return;
  }
  const tick = targetTick(now());
  if (tick === requested) {
    return;
  }
  requested = tick;
  pending = true;
  const seekNo = seeks;
  source.stateAt(tick).then((state) => {
    pending = false;
    if (state === null) {
      return;
    }
    renderer.viewer.draw(state, { tick: state.tick, head: source.head, tickHz: source.tickHz, mode: source.mode });
    shownTick = state.tick;
    data.tick = String(shownTick);
    data.frames = String(++frames);
    data.drawnSeek = String(seekNo);
    const layout = `${source.firstTick} ${source.endTick} ${source.markers.length}`;
    if (layout !== markersLayout) { // a broadcast grows: its markers move and come
      markersLayout = layout;
      renderMarkers();
    }
    renderTimeline(shownTick);
    renderSide(shownTick, state);
  }, (e) => {
    pending = false;
    $('error').textContent = e.message;
  });
}

/** The bare page: the lists of what to watch instead of a player. */
async function pick() {
  for (const id of ['controls']) {
    $(id).hidden = true;
  }
  document.querySelector('main').hidden = true;
  $('picker').hidden = false;
  $('title').textContent = 'Pick a broadcast or a replay';
  try {
    data.links = String(await showPicker());
    data.mode = 'picker';
    data.ready = 'true';
  } catch (e) {
    $('error').textContent = e.message;
  }
}

async function main() {
  const params = new URLSearchParams(location.search);
  if (!params.has('recording') && !params.has('broadcast')) {
    await pick();
    return;
  }
  try {
    source = await openSource(params, () => {
      $('title').textContent = 'waiting for the broadcast to publish its first fragment…';
    });
  } catch (e) {
    $('title').textContent = '';
    $('error').textContent = e.message;
    data.error = e.message;
    return;
  }
  const h = source.head;
  const started = h.startedAtMs ? new Date(Number(h.startedAtMs)).toLocaleString() : '';
  $('title').textContent = `${h.game}, room ${h.roomId}${started ? `, ${started}` : ''}`
    + (source.mode === 'broadcast' ? ' (delayed broadcast)' : '');
  if (source.damage) {
    $('error').textContent = source.damage;
  }
  if (source.client) {
    source.client.on('error', (e) => { $('error').textContent = e.message; });
    source.client.on('fragment', () => { $('error').textContent = ''; });
  }
  renderer = await createRenderer($('view'), h);
  Object.assign(data, { mode: source.mode, renderer: renderer.kind });
  buildControls();
  renderMarkers();
  if (source.clock) {
    source.clock.play(now());
    showPlaying();
  }
  data.ready = 'true';
  requestAnimationFrame(frame);
}

main();
