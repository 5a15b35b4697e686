// Draws the field on a canvas: a grid, the shells, and each tank as a hull, a turret, a name and
// an hp bar. World units map to canvas pixels by one scale (the whole 1000 x 1000 field is shown).

import { MAX_HP, SHELL_RADIUS, TANK_RADIUS, WORLD_SIZE } from './rules.js';

const COLORS = ['#e0b13b', '#4fa3e0', '#e0584f', '#7bd15a', '#c47be0', '#e08d4f', '#4fe0c9', '#d0d0d0'];

/** The colour of a player's tank (by seat). */
export function colorOf(player) {
  return COLORS[player % COLORS.length];
}

/**
 * Draws one frame; flashing(player) is true while that player's tank shows a hit; rails are the rail
 * shots still shown ({x0, y0, x1, y1, shooter, target, beam: 0..1 left of the beam, marker: 0..1 left
 * of the hit marker}).
 */
export function draw(ctx, tanks, shells, myEntityId, flashing, rails = []) {
  const scale = ctx.canvas.width / WORLD_SIZE;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#3b4a35';
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  drawGrid(ctx);
  const ownerColor = new Map(tanks.map((t) => [t.id, colorOf(t.player)]));
  for (const s of shells) {
    ctx.fillStyle = ownerColor.get(s.owner) ?? '#fff';
    ctx.beginPath();
    ctx.arc(s.x, s.y, SHELL_RADIUS, 0, 2 * Math.PI);
    ctx.fill();
  }
  for (const t of tanks) {
    drawTank(ctx, t, t.id === myEntityId, flashing(t.player));
  }
  for (const r of rails) {
    drawRail(ctx, r);
  }
}

/** A rail shot: the beam fading out, and where it hit a ring and a cross. */
function drawRail(ctx, r) {
  if (r.beam > 0) {
    ctx.strokeStyle = colorOf(r.shooter);
    ctx.globalAlpha = r.beam;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(r.x0, r.y0);
    ctx.lineTo(r.x1, r.y1);
    ctx.stroke();
    ctx.globalAlpha = 1;
  }
  if (r.target >= 0 && r.marker > 0) {
    const size = TANK_RADIUS * (1.5 - 0.5 * r.marker);
    ctx.strokeStyle = '#ff4040';
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.arc(r.x1, r.y1, size, 0, 2 * Math.PI);
    ctx.moveTo(r.x1 - size, r.y1 - size);
    ctx.lineTo(r.x1 + size, r.y1 + size);
    ctx.moveTo(r.x1 + size, r.y1 - size);
    ctx.lineTo(r.x1 - size, r.y1 + size);
    ctx.stroke();
  }
}

function drawGrid(ctx) {
  ctx.strokeStyle = 'rgba(255,255,255,0.06)';
  ctx.lineWidth = 1;
  for (let v = 100; v < WORLD_SIZE; v += 100) {
    ctx.beginPath();
    ctx.moveTo(v, 0);
    ctx.lineTo(v, WORLD_SIZE);
    ctx.moveTo(0, v);
    ctx.lineTo(WORLD_SIZE, v);
    ctx.stroke();
  }
}

function drawTank(ctx, t, mine, flash) {
  const r = TANK_RADIUS;
  ctx.save();
  ctx.translate(t.x, t.y);
  ctx.save();
  ctx.rotate(t.heading);
  ctx.fillStyle = flash ? '#ffffff' : colorOf(t.player);
  ctx.fillRect(-r, -r * 0.75, 2 * r, 1.5 * r);
  ctx.fillStyle = 'rgba(0,0,0,0.35)';
  ctx.fillRect(-r, -r * 0.75, 2 * r, 0.3 * r);
  ctx.fillRect(-r, r * 0.45, 2 * r, 0.3 * r);
  ctx.restore();
  ctx.rotate(t.turret);
  ctx.fillStyle = '#222';
  ctx.fillRect(0, -3, r + 6, 6);
  ctx.beginPath();
  ctx.arc(0, 0, r * 0.45, 0, 2 * Math.PI);
  ctx.fill();
  ctx.restore();
  if (mine) {
    ctx.strokeStyle = '#ffd66b';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(t.x, t.y, r + 6, 0, 2 * Math.PI);
    ctx.stroke();
  }
  ctx.fillStyle = '#e8eee8';
  ctx.font = '16px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText(t.name, t.x, t.y - r - 14);
  ctx.fillStyle = '#222';
  ctx.fillRect(t.x - r, t.y - r - 10, 2 * r, 5);
  ctx.fillStyle = '#7bd15a';
  ctx.fillRect(t.x - r, t.y - r - 10, (2 * r * t.hp) / MAX_HP, 5);
}
