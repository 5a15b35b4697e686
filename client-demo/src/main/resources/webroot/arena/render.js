// Canvas drawing of the arena: a grid, the world's border, orbs coloured by value, NPCs with their
// heading, and players with names and scores. Text is drawn with fillText, never parsed as markup.

const ORB_COLOURS = ['#4ade80', '#22d3ee', '#a78bfa', '#f472b6', '#fbbf24'];
const GRID = 100;

/** A stable hue for an entity id. */
function hue(id) {
  return (id * 137.508) % 360;
}

/** Sizes the canvas to its box at the device pixel ratio; returns the CSS size. */
export function fitCanvas(canvas) {
  const dpr = Math.min(window.devicePixelRatio || 1, 2);
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { ctx, width: w, height: h };
}

/**
 * Draws one frame. scene: {worldSize, camera: {x, y}, orbs, npcs, players (entity objects with
 * numeric fields), myId, me: {x, y} or null (the predicted own position), zoom (optional: canvas
 * pixels per world unit, 1 by default)}.
 */
export function drawScene(canvas, scene) {
  const { ctx, width, height } = fitCanvas(canvas);
  const zoom = scene.zoom ?? 1;
  ctx.fillStyle = '#0b1120';
  ctx.fillRect(0, 0, width, height);
  ctx.save();
  if (zoom === 1) {
    ctx.translate(Math.round(width / 2 - scene.camera.x), Math.round(height / 2 - scene.camera.y));
  } else {
    ctx.translate(Math.round(width / 2), Math.round(height / 2));
    ctx.scale(zoom, zoom);
    ctx.translate(-scene.camera.x, -scene.camera.y);
  }
  drawGrid(ctx, scene, width / zoom, height / zoom);
  for (const o of scene.orbs) {
    ctx.fillStyle = ORB_COLOURS[Math.max(0, Math.min(4, o.value - 1))];
    ctx.beginPath();
    ctx.arc(o.x, o.y, 4 + o.value, 0, Math.PI * 2);
    ctx.fill();
  }
  for (const n of scene.npcs) {
    drawBody(ctx, n.x, n.y, n.radius, '#475569', '#94a3b8');
    ctx.strokeStyle = '#cbd5e1';
    ctx.beginPath();
    ctx.moveTo(n.x, n.y);
    ctx.lineTo(n.x + Math.cos(n.angle) * n.radius, n.y + Math.sin(n.angle) * n.radius);
    ctx.stroke();
    label(ctx, String(n.score), n.x, n.y + 4, '#e2e8f0', 11);
  }
  for (const p of scene.players) {
    const mine = p.id === scene.myId;
    const x = mine && scene.me ? scene.me.x : p.x;
    const y = mine && scene.me ? scene.me.y : p.y;
    drawBody(ctx, x, y, p.radius, `hsl(${hue(p.id)} 70% 55%)`, mine ? '#f8fafc' : `hsl(${hue(p.id)} 70% 35%)`, mine);
    label(ctx, p.name, x, y - p.radius - 8, '#f8fafc', 13);
    label(ctx, String(p.score), x, y + 5, '#0b1120', 13);
  }
  ctx.restore();
}

function drawGrid(ctx, scene, width, height) {
  const size = scene.worldSize;
  const x0 = Math.max(0, Math.floor((scene.camera.x - width / 2) / GRID) * GRID);
  const x1 = Math.min(size, scene.camera.x + width / 2);
  const y0 = Math.max(0, Math.floor((scene.camera.y - height / 2) / GRID) * GRID);
  const y1 = Math.min(size, scene.camera.y + height / 2);
  ctx.fillStyle = '#0f172a';
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = '#1e293b';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let x = x0; x <= x1; x += GRID) {
    ctx.moveTo(x, y0);
    ctx.lineTo(x, y1);
  }
  for (let y = y0; y <= y1; y += GRID) {
    ctx.moveTo(x0, y);
    ctx.lineTo(x1, y);
  }
  ctx.stroke();
  ctx.strokeStyle = '#38bdf8';
  ctx.lineWidth = 3;
  ctx.strokeRect(0, 0, size, size);
}

function drawBody(ctx, x, y, r, fill, stroke, thick = false) {
  ctx.fillStyle = fill;
  ctx.strokeStyle = stroke;
  ctx.lineWidth = thick ? 3 : 2;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.fill();
  ctx.stroke();
}

function label(ctx, text, x, y, colour, px) {
  ctx.font = `600 ${px}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}

/** Draws a sparkline of values (newest last) into a small canvas. */
export function drawSparkline(canvas, values, colour = '#38bdf8') {
  const ctx = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  ctx.clearRect(0, 0, w, h);
  if (values.length < 2) {
    return;
  }
  const max = Math.max(1, ...values);
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  values.forEach((v, i) => {
    const x = (i / (values.length - 1)) * (w - 2) + 1;
    const y = h - 2 - (v / max) * (h - 4);
    if (i === 0) {
      ctx.moveTo(x, y);
    } else {
      ctx.lineTo(x, y);
    }
  });
  ctx.stroke();
}
