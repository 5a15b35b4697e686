// The game's page: joins a room with the Tickcast SDK (served by the server at /sdk/), sends the
// arrow keys as one input byte a tick, and draws the zone and the players between snapshots.
// The body's data-state (idle, matchmaking, joined, playing, ...) follows the client; `?name=Ann`
// joins at once.

import { Interpolator, TickcastClient } from '/sdk/index.js';

// The input bits and the square's side, as in the Java game
const LEFT = 1;
const RIGHT = 2;
const UP = 4;
const DOWN = 8;
const SIZE = 100;
const KEYS = {
  ArrowLeft: LEFT, KeyA: LEFT, ArrowRight: RIGHT, KeyD: RIGHT,
  ArrowUp: UP, KeyW: UP, ArrowDown: DOWN, KeyS: DOWN,
};

const body = document.body;
const canvas = document.getElementById('field');
const ctx = canvas.getContext('2d');
const pressed = new Set();
let client = null;
let interpolator = null;

function sendInput() {
  let bits = 0;
  for (const code of pressed) {
    bits |= KEYS[code];
  }
  client.sendInput(Uint8Array.of(bits));
}

function onWelcome(welcome) {
  interpolator = new Interpolator({ tickHz: welcome.tickHz, snapshotEveryTicks: welcome.snapshotEveryTicks });
  client.useInterpolator(interpolator); // inputs carry what is drawn, for games that judge them on it
  setInterval(sendInput, 1000 / welcome.tickHz);
}

function onState(state, info) {
  interpolator.push(state, info.arrivalMs);
  body.dataset.state = 'playing';
  const rows = [];
  const table = state.table('player');
  for (let row = 0; row < table.count; row++) {
    rows.push(table.entity(row, true));
  }
  const list = document.getElementById('scores');
  list.replaceChildren(...rows.sort((a, b) => b.score - a.score).map((p) => {
    const li = document.createElement('li');
    li.textContent = `${p.name}  ${p.score}`;
    li.classList.toggle('me', p.id === client.entityId);
    return li;
  }));
}

function draw(nowMs) {
  requestAnimationFrame(draw);
  if (interpolator === null) {
    return;
  }
  const k = canvas.width / SIZE;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.font = '16px system-ui, sans-serif';
  for (const zone of interpolator.entities('zone', nowMs)) {
    ctx.fillStyle = zone.holder >= 0 ? 'rgba(255, 210, 87, 0.35)' : 'rgba(120, 200, 255, 0.25)';
    ctx.beginPath();
    ctx.arc(zone.x * k, zone.y * k, 12 * k, 0, 2 * Math.PI);
    ctx.fill();
  }
  for (const p of interpolator.entities('player', nowMs)) {
    ctx.fillStyle = p.id === client.entityId ? '#ffd257' : '#8fd0ff';
    ctx.beginPath();
    ctx.arc(p.x * k, p.y * k, 2 * k, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillText(p.name, p.x * k + 3 * k, p.y * k - 2 * k);
  }
}

async function play(name) {
  document.getElementById('join').hidden = true;
  document.getElementById('game').hidden = false;
  client = new TickcastClient({ game: body.dataset.game, name });
  client.on('welcome', onWelcome);
  client.on('state', onState);
  client.on('status', (status) => {
    body.dataset.state = status === 'joined' ? body.dataset.state : status;
  });
  try {
    await client.connect();
  } catch (e) {
    const error = document.getElementById('error');
    error.textContent = `Could not join: ${e.message}`;
    error.hidden = false;
    document.getElementById('join').hidden = false;
    document.getElementById('game').hidden = true;
  }
}

window.addEventListener('keydown', (e) => {
  if (KEYS[e.code] && !(e.target instanceof HTMLInputElement)) {
    e.preventDefault();
    pressed.add(e.code);
  }
});
window.addEventListener('keyup', (e) => pressed.delete(e.code));
window.addEventListener('blur', () => pressed.clear());
document.getElementById('join').addEventListener('submit', (e) => {
  e.preventDefault();
  play(document.getElementById('name').value);
});
// for browser tests and the console: window.game.client.state is the latest decoded state
window.game = {
  get client() {
    return client;
  },
};
requestAnimationFrame(draw);
const preset = new URLSearchParams(window.location.search).get('name');
if (preset) {
  play(preset);
}
