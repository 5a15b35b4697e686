// The generic renderer of any game's state, shared by the admin page's live view and the viewer:
// every table with fields x and y as dots. Draws no text from the state.

const COLORS = ['#58a6ff', '#3fb950', '#d29922', '#f778ba'];

/**
 * Every table of `state` with fields x and y, as dots on `canvas`: the world from 0 (or the least
 * coordinate seen) to the largest one, one scale for both axes, so a big world (an 8000 x 8000
 * arena-wide room: a spectator gets the whole world) fits the canvas undistorted; a table named
 * player is drawn last, larger.
 */
export function drawDots(canvas, state) {
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  const layers = [];
  let [x0, y0, x1, y1] = [0, 0, 1, 1];
  state.tables.forEach((table, k) => {
    const xi = table.schema.fields.findIndex((f) => f.name === 'x');
    const yi = table.schema.fields.findIndex((f) => f.name === 'y');
    if (xi < 0 || yi < 0) {
      return;
    }
    const points = [];
    for (let row = 0; row < table.count; row++) {
      const x = table.value(row, xi);
      const y = table.value(row, yi);
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      points.push(x, y);
    }
    layers.push({ points, color: COLORS[k % COLORS.length], size: table.name === 'player' ? 6 : table.count > 1000 ? 2 : 3,
      last: table.name === 'player' });
  });
  const scale = Math.min((canvas.width - 10) / Math.max(1, x1 - x0), (canvas.height - 10) / Math.max(1, y1 - y0));
  layers.sort((a, b) => Number(a.last) - Number(b.last));
  for (const { points, color, size } of layers) {
    g.fillStyle = color;
    for (let i = 0; i < points.length; i += 2) {
      g.fillRect(5 + (points[i] - x0) * scale - size / 2, 5 + (points[i + 1] - y0) * scale - size / 2, size, size);
    }
  }
}

/** The generic viewer of the viewer page: createViewer's shape, drawing dots. */
export function createDotsViewer(canvas) {
  return {
    draw(state) {
      drawDots(canvas, state);
    },
  };
}
