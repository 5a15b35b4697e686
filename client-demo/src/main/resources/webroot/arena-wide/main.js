// The Arena-Wide demo (/arena-wide/): the arena's page (/arena/arena-page.js: joining, prediction,
// interpolation, chat, net graph) on the 8000 x 8000 world. The camera follows one's own body and
// shows about VIEW (1400 x 900 world units) whatever the window's size; a minimap in the corner
// draws the whole world as the client holds it (minimap.js); the scoreboard is the room's global
// `leader` table (rank, name, score). With interest management a client holds only the cells near
// its body (docs/PROTOCOL.md 10.10); this page reads the SDK's mirror state as for any game.
// Test hooks, beside the arena page's window.tickcast: holds(id), heldCounts(), leaders().

import { startArenaPage } from '/arena/arena-page.js';
import { ARENA } from '/arena/arena-rules.js';
import { drawScene } from '/arena/render.js';
import { drawMinimap } from './minimap.js';

/** The arena's movement rules on Arena-Wide's world (ArenaWideGame.CONFIG). */
export const ARENA_WIDE = Object.freeze({ ...ARENA, worldSize: 8000 });
/** The world the camera shows, in units (the canvas is scaled to fit it). */
const VIEW = Object.freeze({ width: 1400, height: 900 });
/** ArenaWideGame's interest grid: cells of 300 units, 27 columns; a cell key is row * 27 + column. */
const GRID = Object.freeze({ cellSize: 300, columns: 27 });
/** How far past the viewport's edge an entity is still drawn (its radius and label). */
const MARGIN = 80;
const $ = (id) => document.getElementById(id);

let minimapSnapshots = -1;

function inView(list, camera, halfW, halfH) {
  return list.filter((e) => Math.abs(e.x - camera.x) <= halfW && Math.abs(e.y - camera.y) <= halfH);
}

/** The held cell keys, if the SDK gives them (client.heldCells: an iterable or a function returning one), else null. */
function heldCells(client) {
  const cells = typeof client.heldCells === 'function' ? client.heldCells() : client.heldCells;
  return cells && typeof cells[Symbol.iterator] === 'function' ? cells : null;
}

function draw(canvas, scene, client) {
  const zoom = Math.min(canvas.clientWidth / VIEW.width, canvas.clientHeight / VIEW.height) || 1;
  const halfW = canvas.clientWidth / zoom / 2 + MARGIN;
  const halfH = canvas.clientHeight / zoom / 2 + MARGIN;
  drawScene(canvas, { ...scene, zoom,
    orbs: inView(scene.orbs, scene.camera, halfW, halfH),
    npcs: inView(scene.npcs, scene.camera, halfW, halfH),
    players: inView(scene.players, scene.camera, halfW, halfH) });
  $('pos').textContent = `(${Math.round(scene.camera.x)}, ${Math.round(scene.camera.y)})`;
  if (client.stats.snapshots !== minimapSnapshots) { // what the client holds changes with each snapshot only
    minimapSnapshots = client.stats.snapshots;
    drawMinimap($('minimap'), { state: client.state, myId: client.entityId, me: scene.camera,
      worldSize: ARENA_WIDE.worldSize, view: { width: canvas.clientWidth / zoom, height: canvas.clientHeight / zoom },
      cells: heldCells(client), grid: GRID });
  }
}

/** The scoreboard: the global leader table, rank 1 first; one's own row highlighted. */
function leaderRows(state, myId) {
  const leaders = state.table('leader');
  const rows = [];
  for (let r = 0; leaders && r < leaders.count; r++) {
    const e = leaders.entity(r, true);
    rows.push({ rank: e.rank, name: e.name, score: e.score, cls: e.player === myId ? 'me' : '' });
  }
  return rows.sort((a, b) => a.rank - b.rank);
}

function state() {
  const client = window.tickcast.client;
  return client ? client.state : null;
}

startArenaPage({
  game: 'arena-wide',
  rules: ARENA_WIDE,
  draw,
  scoreRows: leaderRows,
  hooks: {
    /** Whether the client holds entity id (in any table of its mirror state). */
    holds: (id) => window.tickcast.entityPosition(id) !== null,
    /** The number of entities held per table, {orb, npc, player, leader}. */
    heldCounts: () => Object.fromEntries((state()?.tables ?? []).map((t) => [t.name, t.count])),
    /** The leader table as the scoreboard shows it: [{rank, name, score, cls}]. */
    leaders: () => (state() ? leaderRows(state(), window.tickcast.myEntityId()) : []),
  },
});
