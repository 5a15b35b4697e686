// The arena's renderer for the viewer page (/viewer/): a recorded or broadcast state drawn by
// render.js drawScene, the camera fitting the whole world. Names come from the recording: drawn
// with fillText only.

import { ARENA } from './arena-rules.js';
import { drawScene } from './render.js';

function entities(state, name) {
  const t = state.table(name);
  if (!t) {
    return [];
  }
  const out = new Array(t.count);
  for (let row = 0; row < t.count; row++) {
    out[row] = t.entity(row, true);
  }
  return out;
}

/** The viewer's renderer of an arena recording: {draw(state, info)} onto `canvas`. */
export function createViewer(canvas) {
  const world = ARENA.worldSize;
  return {
    draw(state) {
      const margin = 16;
      const zoom = Math.max(0.05, Math.min(canvas.clientWidth - margin, canvas.clientHeight - margin) / world);
      drawScene(canvas, {
        worldSize: world,
        camera: { x: world / 2, y: world / 2 },
        zoom,
        orbs: entities(state, 'orb'),
        npcs: entities(state, 'npc'),
        players: entities(state, 'player'),
        myId: -1,
        me: null,
      });
    },
  };
}
