// The arena's page, shared by /arena/ (arena/main.js) and /arena-wide/ (arena-wide/main.js): join the
// game, predict your own body with the arena's rules (arena-rules.js) through the SDK's Predictor,
// interpolate everything else (the npcs' angle along the shorter arc), chat, and show a net graph
// (N). What differs between the pages comes in startArenaPage's options: the game, its rules (the
// world's size), how a frame is drawn and what the scoreboard lists. The lobby (/) links to a page
// as /arena/?name=..., which joins at once. With identity on, a player's token comes in the URL
// fragment, /arena/#token=... (never the query string, which servers and proxies log): the page
// sends it with its matchmaking, its name field is disabled (the server names the player from the
// token) and it shows the name the server chose (data-player-name). State for tests: <body
// data-state="join|connecting|playing|reconnecting|disconnected" data-room-id data-entity-id
// data-snapshots data-transport="websocket|http-stream|http-poll"> (the carrier the SDK settled on,
// from the first WELCOME), and window.tickcast.

import { CLOSE_REPLACED, fieldIndex, Interpolator, listGames, Predictor, RateMeter, TickcastClient } from '/sdk/index.js';
import { ARENA, arenaPrediction, encodeArenaInput } from './arena-rules.js';
import { drawScene, drawSparkline } from './render.js';

const INPUT_INTERVAL_MS = 50; // 20 Hz
const MAX_CHAT_LINES = 60;
const $ = (id) => document.getElementById(id);

const keys = new Set();
const touch = { active: false, x0: 0, y0: 0, dx: 0, dy: 0 };
let client = null;
let interpolator = null;
/** The page's options (startArenaPage), with the arena's defaults. */
let page = null;
let predictor = null;
let gameInfo = null; // this game's entry of GET /games, once known
let token = null; // the player's token from the URL fragment, or null: a guest
let lastStepMs = 0;
let stepCarryMs = 0;
let lastFrameMs = 0;
let inputTimer = null;
const net = { down: new RateMeter(), up: new RateMeter(), snaps: new RateMeter(), history: [] };

function setBody(attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) {
      delete document.body.dataset[k];
    } else {
      document.body.dataset[k] = String(v);
    }
  }
}

// ---- joining -------------------------------------------------------------------------------

async function join(event) {
  event?.preventDefault();
  const name = $('name').value.trim() || 'player';
  if (token === null) {
    localStorage.setItem('tickcast.name', name); // a signed-in player's name is the server's, not kept
  }
  $('play').disabled = true;
  $('join-error').textContent = '';
  setBody({ state: 'connecting', transport: null });
  client = new TickcastClient({ game: page.game, gameInfo, name, token });
  client.on('welcome', onWelcome);
  client.on('state', onState);
  client.on('chat', (m) => (m.system ? addSystemLine(m.text) : addChatLine(m.name, m.text)));
  client.on('close', onClose);
  client.on('error', (e) => console.warn('tickcast:', e.message));
  client.on('status', (s) => { $('status').textContent = s === 'joined' ? '' : s; });
  window.tickcast.client = client;
  try {
    await client.connect();
  } catch (e) {
    client.close();
    showJoin(!e.auth ? `Could not join: ${e.message}`
      : e.reason === 'missing_token' ? 'This server needs you to sign in: open the page with #token=... (missing_token)'
        : `Your token was refused (${e.reason ?? e.message})`);
  }
}

/** The token of the URL fragment (#token=...), taken out of the address bar so that it is not copied or shared. */
function tokenFromFragment() {
  const value = new URLSearchParams(location.hash.slice(1)).get('token');
  if (value === null || value === '') {
    return null;
  }
  history.replaceState(null, '', location.pathname + location.search);
  return value;
}

/** With a token the server names the player: the name field is disabled, with a hint (text only). */
function useToken() {
  $('name').disabled = true;
  $('name').placeholder = 'from your account';
  $('name-hint').textContent = 'Signed in: the server names you from your account.';
  $('name-hint').hidden = false;
}

function onWelcome(welcome) {
  interpolator = new Interpolator({ tickHz: welcome.tickHz, snapshotEveryTicks: welcome.snapshotEveryTicks,
    angular: { npc: ['angle'] } });
  client.useInterpolator(interpolator); // inputs carry what this page draws: the server judges hits on it
  predictor = new Predictor(arenaPrediction(page.rules));
  $('join').hidden = true;
  $('game').hidden = false;
  $('room').textContent = `room ${welcome.roomId}`;
  setBody({ state: 'playing', roomId: welcome.roomId, entityId: welcome.entityId, snapshots: 0,
    transport: client.transport });
  const me = client.identity;
  if (me !== null) {
    setBody({ playerName: me.name });
    $('me').textContent = me.name;
    if (token !== null) {
      $('name').value = me.name;
      $('name-hint').textContent = `Signed in as ${me.name}.`;
    }
  }
  addSystemLine(`joined room ${welcome.roomId}`);
  lastStepMs = performance.now();
  stepCarryMs = 0;
  clearInterval(inputTimer);
  inputTimer = setInterval(sendInput, INPUT_INTERVAL_MS);
}

function onClose({ code, reason, willReconnect }) {
  clearInterval(inputTimer);
  if (willReconnect) {
    setBody({ state: 'reconnecting' });
    addSystemLine(`connection lost (${code}${reason ? `: ${reason}` : ''}), reconnecting`);
  } else if (code === CLOSE_REPLACED) {
    showJoin(`You joined from another tab or device: this one left the game (${code})`);
  } else {
    showJoin(`Disconnected (${code}${reason ? `: ${reason}` : ''})`);
  }
}

function showJoin(message) {
  setBody({ state: 'disconnected' });
  $('game').hidden = true;
  $('join').hidden = false;
  $('play').disabled = false;
  $('join-error').textContent = message;
}

// ---- state, prediction, input ---------------------------------------------------------------

function onState(state, info) {
  interpolator.push(state, info.arrivalMs);
  const players = state.table('player');
  const row = players ? players.rowOf(client.entityId) : -1;
  if (row >= 0) {
    pumpSteps(performance.now());
    predictor.reconcile({ x: players.value(row, fieldIndex(players.schema, 'x')),
      y: players.value(row, fieldIndex(players.schema, 'y')) },
    players.raw(row, fieldIndex(players.schema, 'lastInputSeq')));
  }
  setBody({ snapshots: client.stats.snapshots });
  if (client.stats.snapshots % 4 === 1) {
    updateScoreboard(state);
  }
}

/** Runs the predictor's fixed 60 Hz steps up to nowMs (from rAF and the input timer alike). */
function pumpSteps(nowMs) {
  stepCarryMs += nowMs - lastStepMs;
  lastStepMs = nowMs;
  let steps = 0;
  const stepMs = 1000 / page.rules.tickHz;
  while (stepCarryMs >= stepMs && steps < 30) {
    predictor.step();
    stepCarryMs -= stepMs;
    steps++;
  }
  if (steps === 30) {
    stepCarryMs = 0;
  }
}

function currentInput() {
  const typing = document.activeElement === $('chat-input');
  const down = (...codes) => !typing && codes.some((c) => keys.has(c));
  let dx = (down('KeyD', 'ArrowRight') ? 1 : 0) - (down('KeyA', 'ArrowLeft') ? 1 : 0);
  let dy = (down('KeyS', 'ArrowDown') ? 1 : 0) - (down('KeyW', 'ArrowUp') ? 1 : 0);
  if (touch.active) {
    dx = touch.dx;
    dy = touch.dy;
  }
  return encodeArenaInput(dx, dy, down('ShiftLeft', 'ShiftRight'));
}

function sendInput() {
  if (!client || client.status !== 'joined') {
    return;
  }
  pumpSteps(performance.now());
  const input = Uint8Array.of(currentInput());
  const seq = client.sendInput(input);
  if (seq > 0) {
    predictor.setInput(input, seq);
  }
}

const KEY_CODES = { w: 'KeyW', a: 'KeyA', s: 'KeyS', d: 'KeyD', W: 'KeyW', A: 'KeyA', S: 'KeyS', D: 'KeyD' };

function keyCode(e) {
  return e.code || KEY_CODES[e.key] || e.key;
}

function onKeyDown(e) {
  const chatInput = $('chat-input');
  if (document.activeElement === chatInput) {
    if (e.key === 'Escape') {
      chatInput.blur();
    }
    return;
  }
  if (document.activeElement === $('name')) {
    return;
  }
  if (e.key === 'Enter' && document.body.dataset.state === 'playing' && !$('chat').hidden) {
    e.preventDefault();
    keys.clear();
    chatInput.focus();
    return;
  }
  if (e.key === 'n' || e.key === 'N') {
    $('netgraph').hidden = !$('netgraph').hidden;
    return;
  }
  keys.add(keyCode(e));
  if (e.key.startsWith('Arrow')) {
    e.preventDefault();
  }
}

function onTouch(e) {
  e.preventDefault();
  const t = e.touches[0];
  if (e.type === 'touchstart') {
    touch.active = true;
    touch.x0 = t.clientX;
    touch.y0 = t.clientY;
  }
  if (!t || e.type === 'touchend' || e.type === 'touchcancel') {
    touch.active = false;
    return;
  }
  const vx = t.clientX - touch.x0;
  const vy = t.clientY - touch.y0;
  const len = Math.hypot(vx, vy);
  touch.dx = len > 16 && Math.abs(vx) / len > 0.38 ? Math.sign(vx) : 0;
  touch.dy = len > 16 && Math.abs(vy) / len > 0.38 ? Math.sign(vy) : 0;
}

// ---- chat (always textContent: a chat line is data, never markup) ----------------------------

function appendLine(li) {
  const log = $('chat-log');
  log.append(li);
  while (log.children.length > MAX_CHAT_LINES) {
    log.firstElementChild.remove();
  }
  log.scrollTop = log.scrollHeight;
}

function addChatLine(name, text) {
  const li = document.createElement('li');
  const who = document.createElement('span');
  who.className = 'name';
  who.textContent = name;
  const what = document.createElement('span');
  what.className = 'text';
  what.textContent = text;
  li.append(who, what);
  appendLine(li);
}

function addSystemLine(text) {
  const li = document.createElement('li');
  li.className = 'system';
  li.textContent = text;
  appendLine(li);
}

function onChatSubmit(e) {
  e.preventDefault();
  const input = $('chat-input');
  if (client && input.value.trim() && client.sendChat(input.value) === 'too-fast') {
    addSystemLine('slow down: chat is limited to a couple of lines a second');
  }
  input.value = '';
  input.blur();
}

// ---- scoreboard, net graph, frames ------------------------------------------------------------

/** The arena's scoreboard rows: every player, best first, then the best few bots. */
export function arenaScoreRows(state, myId) {
  const players = state.table('player');
  const npcs = state.table('npc');
  const rows = [];
  for (let r = 0; players && r < players.count; r++) {
    const e = players.entity(r, true);
    rows.push({ name: e.name, score: e.score, cls: e.id === myId ? 'me' : '' });
  }
  rows.sort((a, b) => b.score - a.score);
  const bots = [];
  for (let r = 0; npcs && r < npcs.count; r++) {
    bots.push({ name: `bot ${npcs.ids[r]}`, score: npcs.entity(r, true).score, cls: 'npc' });
  }
  bots.sort((a, b) => b.score - a.score);
  rows.push(...bots.slice(0, Math.max(3, 10 - rows.length)));
  return rows;
}

/** The scoreboard: rows {name, score, cls, rank?} from the page's scoreRows (text only, never markup). */
function updateScoreboard(state) {
  $('scores').replaceChildren(...page.scoreRows(state, client.entityId).map((row) => {
    const li = document.createElement('li');
    li.className = row.cls;
    if (row.rank !== undefined) {
      const rank = document.createElement('span');
      rank.className = 'rank';
      rank.textContent = String(row.rank);
      li.append(rank);
    }
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = row.name;
    const score = document.createElement('span');
    score.textContent = String(row.score);
    li.append(who, score);
    return li;
  }));
}

function updateNetGraph() {
  if (!client) {
    return;
  }
  const now = performance.now();
  const s = client.stats;
  const down = net.down.sample(s.bytesDown, now);
  const up = net.up.sample(s.bytesUp, now);
  const snaps = net.snaps.sample(s.snapshots, now);
  net.history.push(down);
  if (net.history.length > 60) {
    net.history.shift();
  }
  if ($('netgraph').hidden) {
    return;
  }
  const fmt = (v, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : '-');
  $('netgraph-text').textContent = [
    `transport    ${client.transport ?? '-'}`,
    `rtt          ${fmt(s.rttSmoothedMs, 1)} ms (last ${fmt(s.rttMs)})`,
    `snapshots/s  ${fmt(snaps, 1)}`,
    `down         ${fmt(down / 1024, 2)} KiB/s`,
    `up           ${fmt(up / 1024, 2)} KiB/s`,
    `last snap    ${s.lastSnapshotBytes} B`,
    `interp delay ${interpolator ? fmt(interpolator.delayMs, 1) : '-'} ms (jitter ${interpolator ? fmt(interpolator.jitterMs, 1) : '-'})`,
    `full snaps   ${s.fullSnapshots}`,
    `corrections  ${predictor ? predictor.corrections : 0}   reconnects ${s.reconnects}`,
  ].join('\n');
  drawSparkline($('netgraph-plot'), net.history);
}

function frame(nowMs) {
  requestAnimationFrame(frame);
  const frameMs = lastFrameMs ? nowMs - lastFrameMs : 16.7;
  lastFrameMs = nowMs;
  if (!client || !interpolator || document.body.dataset.state !== 'playing') {
    return;
  }
  pumpSteps(performance.now());
  const me = predictor.displayed(frameMs);
  const now = performance.now();
  const world = page.rules.worldSize;
  const scene = {
    worldSize: world,
    orbs: interpolator.entities('orb', now),
    npcs: interpolator.entities('npc', now),
    players: interpolator.entities('player', now),
    myId: client.entityId,
    me,
  };
  const mine = scene.players.find((p) => p.id === client.entityId);
  scene.camera = me ?? (mine ? { x: mine.x, y: mine.y } : { x: world / 2, y: world / 2 });
  page.draw($('view'), scene, client);
}

// ---- test hook ---------------------------------------------------------------------------------

function latestEntity(id) {
  const state = client && client.state;
  if (!state) {
    return null;
  }
  for (const table of state.tables) {
    const row = table.rowOf(id);
    if (row >= 0) {
      return table.entity(row, true);
    }
  }
  return null;
}

window.tickcast = {
  client: null,
  /** The id of the entity this page controls, or -1. */
  myEntityId: () => (client ? client.entityId : -1),
  /** The room id, or null. */
  roomId: () => (client ? client.roomId : null),
  /** The latest server position {x, y} of entity id (from the last snapshot), or null. */
  entityPosition(id) {
    const e = latestEntity(id);
    return e ? { x: e.x, y: e.y } : null;
  },
  /** The locally predicted position of this page's player, or null. */
  predictedPosition: () => (predictor && predictor.ready() ? { x: predictor.body.x, y: predictor.body.y } : null),
  /** Who the server seated this page's player as: {subject, name}, or null. */
  identity: () => (client ? client.identity : null),
  /** The names of the players in the last snapshot. */
  playerNames() {
    const players = client && client.state && client.state.table('player');
    return players ? players.ids.map((id, row) => players.entity(row).name) : [];
  },
  /** The chat lines shown, as text. */
  chatLines: () => Array.from($('chat-log').children, (li) => li.textContent),
  stats: () => (client ? { ...client.stats } : null),
};

/** This game's entry of GET /games (its chat flag), or null when the server does not say. */
async function loadGameInfo() {
  try {
    return (await listGames()).find((g) => g && g.name === page.game) ?? null;
  } catch (e) {
    console.info(`tickcast: no game list (${e.message}); chat assumed on`);
    return null;
  }
}

/**
 * Starts the page. options: game (its name in GET /games; default 'arena'), rules (the arena's
 * movement constants with the world's size, arena-rules.js ARENA by default), draw(canvas, scene,
 * client) (one frame; default render.js drawScene; scene as drawScene's, client the
 * TickcastClient), scoreRows(state, myId) (the scoreboard's rows; default arenaScoreRows), and
 * hooks (more functions for window.tickcast, for tests).
 */
export async function startArenaPage(options = {}) {
  page = { game: 'arena', rules: ARENA, draw: drawScene, scoreRows: arenaScoreRows, ...options };
  predictor = new Predictor(arenaPrediction(page.rules));
  Object.assign(window.tickcast, page.hooks ?? {});
  const fromLobby = new URLSearchParams(location.search).get('name');
  $('name').value = (fromLobby ?? localStorage.getItem('tickcast.name')) || '';
  token = tokenFromFragment();
  if (token !== null) {
    useToken();
  }
  $('join-form').addEventListener('submit', join);
  $('chat-form').addEventListener('submit', onChatSubmit);
  window.addEventListener('keydown', onKeyDown);
  window.addEventListener('keyup', (e) => keys.delete(keyCode(e)));
  window.addEventListener('blur', () => keys.clear());
  for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel']) {
    $('view').addEventListener(type, onTouch, { passive: false });
  }
  setInterval(updateNetGraph, 250);
  requestAnimationFrame(frame);
  gameInfo = await loadGameInfo();
  $('chat').hidden = gameInfo !== null && gameInfo.chat === false;
  setBody({ state: 'join', ready: 'true' });
  if (fromLobby !== null && fromLobby.trim() !== '') {
    join(null);
  } else if (token === null) {
    $('name').focus();
  } else {
    $('play').focus();
  }
}

