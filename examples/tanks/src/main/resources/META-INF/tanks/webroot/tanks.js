// The tanks page: joins a tanks room with the Tickcast SDK (served by the server at /sdk/), drives
// the local tank with the keyboard (predicted with the game's rules, reconciled with the server),
// draws everyone else interpolated between snapshots, and shows the round clock, the scores, HIT,
// the rail gun's shots (RAIL_SHOT: a beam, and a marker where it hit) and ROUND_OVER. The client
// stamps every input and message with what the page drew (client.useInterpolator), so the server
// judges a rail shot against the tanks as this page showed them. `?name=Ann` joins at once.
//
// For tests, the body carries data-state (idle, matchmaking, joined, playing, reconnecting,
// closed), data-tanks (tanks in the latest state), data-hits (HIT messages received),
// data-last-hit ("shooter,target,hp"), data-rail-shots and data-rail-hits (RAIL_SHOTs received,
// and those that hit), data-last-rail ("shooter,target,clamped": target -1 for a miss, clamped 0 or
// 1), data-round and data-player-id; #rail shows the last rail shot ("Alice HIT Bob"). window.tanks
// exposes the client, the latest tanks, the tanks as last drawn, and fires the rail gun.

import { Interpolator, Predictor, TickcastClient } from '/sdk/index.js';
import * as R from './rules.js';
import { draw } from './render.js';

const body = document.body;
const canvas = document.getElementById('field');
const ctx = canvas.getContext('2d');
const KEYS = {
  ArrowLeft: ['turn', -1], KeyA: ['turn', -1], ArrowRight: ['turn', 1], KeyD: ['turn', 1],
  ArrowUp: ['throttle', 1], KeyW: ['throttle', 1], ArrowDown: ['throttle', -1], KeyS: ['throttle', -1],
};

let client = null;
let interpolator = null;
let predictor = null;
let latest = null;
let tickHz = 30;
let stepTimer = null;
let lastFrameMs = performance.now();
const pressed = new Set();
const hitLog = [];
const hitFlashUntilMs = new Map();
const rails = [];
let railShots = 0;
let railHits = 0;
let drawn = [];
const BEAM_MS = 300;
const MARKER_MS = 900;

function byName(id) {
  return document.getElementById(id);
}

function tankRows(state) {
  const table = state ? state.table('tank') : undefined;
  const out = [];
  for (let row = 0; table && row < table.count; row++) {
    out.push(table.entity(row, true));
  }
  return out;
}

function nameOf(player) {
  const t = tankRows(latest).find((e) => e.player === player);
  return t ? t.name : `player ${player}`;
}

function axis(name) {
  let v = 0;
  for (const code of pressed) {
    if (KEYS[code] && KEYS[code][0] === name) {
      v += KEYS[code][1];
    }
  }
  return Math.max(-1, Math.min(1, v));
}

/** One fixed step: send the input, and step the prediction with it. */
function fixedStep() {
  if (client === null || client.status !== 'joined') {
    return;
  }
  const input = Uint8Array.of(R.encodeInput(axis('turn'), axis('throttle')));
  const seq = client.sendInput(input);
  if (seq > 0) {
    predictor.setInput(input, seq);
  }
  predictor.step();
}

function onWelcome(welcome) {
  tickHz = welcome.tickHz;
  interpolator = new Interpolator({ tickHz, snapshotEveryTicks: welcome.snapshotEveryTicks,
    angular: { tank: ['heading', 'turret'] } });
  client.useInterpolator(interpolator); // inputs carry what is drawn: shots are judged on it (lag compensation)
  predictor = new Predictor({ tickHz, step: R.stepTank, idleInput: Uint8Array.of(R.IDLE) });
  body.dataset.roomId = welcome.roomId;
  body.dataset.playerId = String(welcome.playerId);
  clearInterval(stepTimer);
  stepTimer = setInterval(fixedStep, 1000 / tickHz);
}

function onState(state, info) {
  latest = state;
  interpolator.push(state, info.arrivalMs);
  const mine = tankRows(state).find((t) => t.id === client.entityId);
  if (mine) {
    predictor.reconcile({ x: mine.x, y: mine.y, heading: mine.heading }, mine.lastInputSeq);
  }
  body.dataset.tanks = String(state.table('tank').count);
  body.dataset.state = 'playing';
  updateHud(state);
}

function onGameMessage({ type, payload }) {
  if (type === R.HIT) {
    const hit = R.decodeHit(payload);
    if (hit === null) {
      return;
    }
    hitLog.push(hit);
    hitFlashUntilMs.set(hit.target, performance.now() + 250);
    body.dataset.hits = String(hitLog.length);
    body.dataset.lastHit = `${hit.shooter},${hit.target},${hit.hp}`;
    const el = byName('hit');
    el.textContent = `${nameOf(hit.shooter)} hit ${nameOf(hit.target)}`
      + (hit.hp === 0 ? ': destroyed!' : ` (${hit.hp} hp left)`);
    el.classList.toggle('mine', hit.target === client.welcome?.playerId);
    el.hidden = false;
  } else if (type === R.RAIL_SHOT) {
    onRailShot(R.decodeRailShot(payload));
  } else if (type === R.ROUND_OVER) {
    const over = R.decodeRoundOver(payload);
    if (over !== null) {
      const el = byName('banner');
      el.textContent = `Round ${over.round}: ${over.winner === '' ? 'a draw' : `${over.winner} wins`}`;
      el.hidden = false;
    }
  }
}

function onRailShot(shot) {
  if (shot === null) {
    return;
  }
  rails.push({ ...shot, atMs: performance.now() });
  railShots++;
  railHits += shot.target >= 0 ? 1 : 0;
  body.dataset.railShots = String(railShots);
  body.dataset.railHits = String(railHits);
  body.dataset.lastRail = `${shot.shooter},${shot.target},${shot.clamped ? 1 : 0}`;
  const el = byName('rail');
  el.textContent = `${nameOf(shot.shooter)} ${shot.target >= 0 ? `HIT ${nameOf(shot.target)}` : 'missed'}`
    + (shot.clamped ? ' (clamped view)' : '');
  el.classList.toggle('mine', shot.target === client.welcome?.playerId);
  el.hidden = false;
}

/** The rail shots still shown, with what is left of their beam and marker (0..1). */
function railsShown(nowMs) {
  while (rails.length > 0 && nowMs - rails[0].atMs > MARKER_MS) {
    rails.shift();
  }
  return rails.map((r) => ({ ...r, beam: Math.max(0, 1 - (nowMs - r.atMs) / BEAM_MS),
    marker: Math.max(0, 1 - (nowMs - r.atMs) / MARKER_MS) }));
}

function updateHud(state) {
  const round = state.table('round');
  if (round && round.count > 0) {
    const r = round.entity(0, true);
    body.dataset.round = String(r.number);
    byName('round').textContent = `Round ${r.number}`;
    const left = Math.max(0, Math.ceil((r.endTick - state.tick) / tickHz));
    byName('clock').textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  }
  const list = byName('scores');
  list.replaceChildren();
  for (const t of tankRows(state).sort((a, b) => b.kills - a.kills || a.deaths - b.deaths)) {
    const li = document.createElement('li');
    li.textContent = `${t.name}  ${t.kills} / ${t.deaths}`;
    li.classList.toggle('me', t.id === client.entityId);
    list.append(li);
  }
}

function frame(nowMs) {
  const frameMs = nowMs - lastFrameMs;
  lastFrameMs = nowMs;
  if (interpolator !== null) {
    const tanks = interpolator.entities('tank', nowMs);
    const me = predictor.displayed(frameMs);
    for (const t of tanks) {
      if (t.id === client.entityId && me !== null) {
        t.turret = me.heading + (t.turret - t.heading);
        Object.assign(t, me);
      }
    }
    drawn = tanks;
    draw(ctx, tanks, interpolator.entities('shell', nowMs), client.entityId, (player) =>
      (hitFlashUntilMs.get(player) ?? 0) > nowMs, railsShown(nowMs));
  }
  requestAnimationFrame(frame);
}

function fire(aim) {
  if (client !== null) {
    client.sendMessage(R.FIRE, aim === undefined ? new Uint8Array(0) : Uint8Array.of(aim));
  }
}

/** Fires the rail gun along angle (radians), or along the turret as drawn. */
function fireRail(angle) {
  const me = drawn.find((t) => t.id === client?.entityId);
  const aim = angle ?? me?.turret;
  if (client !== null && aim !== undefined) {
    client.sendMessage(R.RAIL, R.railPayload(aim));
  }
}

/** Fires the rail gun from my tank as drawn at the field point (x, y). */
function fireRailAt(x, y) {
  const me = drawn.find((t) => t.id === client?.entityId);
  if (me) {
    fireRail(Math.atan2(y - me.y, x - me.x));
  }
}

function onKey(event, down) {
  if (event.target instanceof HTMLInputElement) {
    return;
  }
  if (event.code === 'Space') {
    event.preventDefault();
    if (down && !event.repeat) {
      fire();
    }
  } else if (event.code === 'KeyF') {
    if (down && !event.repeat) {
      fireRail();
    }
  } else if (KEYS[event.code]) {
    event.preventDefault();
    if (down) {
      pressed.add(event.code);
    } else {
      pressed.delete(event.code);
    }
  }
}

function fieldPoint(event) {
  const rect = canvas.getBoundingClientRect();
  return [((event.clientX - rect.left) * R.WORLD_SIZE) / rect.width,
    ((event.clientY - rect.top) * R.WORLD_SIZE) / rect.height];
}

canvas.addEventListener('click', (event) => {
  const me = predictor?.displayed(0);
  if (!me) {
    return;
  }
  const [x, y] = fieldPoint(event);
  fire(R.aimByte(me.x, me.y, x, y));
});
canvas.addEventListener('contextmenu', (event) => {
  event.preventDefault();
  fireRailAt(...fieldPoint(event));
});

async function play(name) {
  byName('join').hidden = true;
  byName('game').hidden = false;
  client = new TickcastClient({ game: 'tanks', name });
  client.on('welcome', onWelcome);
  client.on('state', onState);
  client.on('message', onGameMessage);
  client.on('status', (status) => {
    if (status !== 'joined') {
      body.dataset.state = status;
    }
  });
  client.on('error', (e) => console.warn('tanks:', e.message));
  try {
    await client.connect();
  } catch (e) {
    byName('error').textContent = `Could not join: ${e.message}`;
    byName('error').hidden = false;
    byName('join').hidden = false;
    byName('game').hidden = true;
  }
}

window.addEventListener('keydown', (e) => onKey(e, true));
window.addEventListener('keyup', (e) => onKey(e, false));
window.addEventListener('blur', () => pressed.clear());
byName('join').addEventListener('submit', (e) => {
  e.preventDefault();
  play(byName('name').value);
});

window.tanks = {
  get client() {
    return client;
  },
  myPlayerId: () => (client && client.welcome ? client.welcome.playerId : -1),
  myEntityId: () => (client ? client.entityId : -1),
  tanks: () => tankRows(latest),
  hits: () => hitLog.slice(),
  /** The tanks as the last frame drew them ({id, player, x, y, heading, turret, ...}). */
  drawn: () => drawn.map((t) => ({ ...t })),
  /** Fires the rail gun along an angle in radians (the turret as drawn if none), as F does. */
  rail: (angle) => fireRail(angle),
  /** Fires the rail gun at a field point, as a right-click there does. */
  railAt: (x, y) => fireRailAt(x, y),
};

requestAnimationFrame(frame);
const preset = new URLSearchParams(window.location.search).get('name');
if (preset) {
  play(preset);
} else {
  body.dataset.ready = 'true';
}
