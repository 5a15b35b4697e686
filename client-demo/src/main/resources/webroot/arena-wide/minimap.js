// The minimap of Arena-Wide: the whole world scaled into a small canvas, drawn from what the client
// HOLDS (every entity of the SDK's mirror state, not only what the camera shows): orbs and NPCs as
// dots, players brighter, one's own player ringed, the camera's viewport as a frame and, when the
// SDK names them, the held cells shaded.

import { fieldIndex } from '/sdk/index.js';
import { fitCanvas } from '/arena/render.js';

const DOTS = { orb: ['#166534', 1.5], npc: ['#94a3b8', 2.5], player: ['#fbbf24', 3.5] };

/** The {x, y} field indexes of a table, or null when it has no position. */
function position(table) {
  const x = fieldIndex(table.schema, 'x');
  const y = fieldIndex(table.schema, 'y');
  return x >= 0 && y >= 0 ? { x, y } : null;
}

/**
 * Draws the minimap. map: {state (the client's mirror state, or null), myId, me: {x, y} (one's own
 * displayed body, or null), worldSize, view: {width, height} (the camera's viewport, world units),
 * cells: the held cell keys (an iterable) or null, grid: {cellSize, columns} (the game's interest
 * grid: a key is row * columns + column)}.
 */
export function drawMinimap(canvas, map) {
  const { ctx, width, height } = fitCanvas(canvas);
  const s = Math.min(width, height) / map.worldSize;
  ctx.fillStyle = 'rgba(11, 17, 32, 0.85)';
  ctx.fillRect(0, 0, width, height);
  if (map.cells) {
    ctx.fillStyle = 'rgba(56, 189, 248, 0.14)';
    const side = map.grid.cellSize * s;
    for (const key of map.cells) {
      ctx.fillRect((key % map.grid.columns) * side, Math.floor(key / map.grid.columns) * side, side, side);
    }
  }
  let mine = null;
  for (const table of map.state ? map.state.tables : []) {
    const at = position(table);
    if (at === null) {
      continue;
    }
    const [colour, size] = DOTS[table.name] ?? ['#e2e8f0', 2];
    ctx.fillStyle = colour;
    for (let row = 0; row < table.count; row++) {
      const x = table.value(row, at.x) * s;
      const y = table.value(row, at.y) * s;
      ctx.fillRect(x - size / 2, y - size / 2, size, size);
      if (table.name === 'player' && table.ids[row] === map.myId) {
        mine = { x, y };
      }
    }
  }
  const me = map.me ? { x: map.me.x * s, y: map.me.y * s } : mine;
  if (me) {
    ctx.strokeStyle = '#f8fafc';
    ctx.lineWidth = 1;
    ctx.strokeRect(me.x - (map.view.width * s) / 2, me.y - (map.view.height * s) / 2, map.view.width * s,
      map.view.height * s);
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(me.x, me.y, 4, 0, Math.PI * 2);
    ctx.stroke();
  }
  ctx.strokeStyle = '#38bdf8';
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, 0.5, map.worldSize * s - 1, map.worldSize * s - 1);
}
