// The viewer's renderer: the game's own (its page folder's viewer.js, exporting
// createViewer(canvas, head) -> {draw(state, info)}) when GET /games names a page for the game and
// that file exists, else the generic dots.

import { createDotsViewer, drawDots } from './dots.js';

/** {kind: 'game'|'dots', viewer}. Never throws: a game viewer that fails to load gives the dots. */
export async function createRenderer(canvas, head) {
  try {
    const res = await fetch('/games', { headers: { accept: 'application/json' } });
    const games = res.ok ? await res.json() : [];
    const game = Array.isArray(games) ? games.find((g) => g && g.name === head.game) : null;
    const page = game && typeof game.page === 'string' ? game.page : '';
    // only a path of this server (the CSP would refuse another origin's script anyway)
    if (page.startsWith('/') && !page.startsWith('//')) {
      const url = `${page}${page.endsWith('/') ? '' : '/'}viewer.js`;
      const probe = await fetch(url, { method: 'HEAD' });
      if (probe.ok) {
        const mod = await import(url);
        if (typeof mod.createViewer === 'function') {
          return { kind: 'game', viewer: mod.createViewer(canvas, head) };
        }
      }
    }
  } catch (e) {
    console.warn('the game viewer did not load; drawing dots', e);
  }
  return { kind: 'dots', viewer: dotsSized(canvas) };
}

/** The dots at the canvas's CSS size times the device pixel ratio. */
function dotsSized(canvas) {
  const dots = createDotsViewer(canvas);
  return {
    draw(state, info) {
      const dpr = Math.min(window.devicePixelRatio || 1, 2);
      const w = Math.round(canvas.clientWidth * dpr);
      const h = Math.round(canvas.clientHeight * dpr);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      dots.draw(state, info);
    },
  };
}

export { drawDots };
