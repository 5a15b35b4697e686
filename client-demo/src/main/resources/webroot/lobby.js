// The lobby: lists the games the server hosts (GET /games) with a Play link per game to its own
// page (the game's `page`, for example /arena/), carrying the player's name (?name=...). State for
// tests: <body data-games="loading|N|error" data-ready="true">.

import { listGames } from '/sdk/index.js';

const $ = (id) => document.getElementById(id);

function playHref(game) {
  const name = $('name').value.trim();
  const url = new URL(game.page, location.origin);
  if (name) {
    url.searchParams.set('name', name);
  }
  return url.pathname + url.search;
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

/** One row per game; every text through textContent (a game's name is data, not markup). */
function render(games) {
  const rows = games.map((game) => {
    const tr = document.createElement('tr');
    tr.dataset.game = game.name;
    const play = document.createElement('a');
    play.className = 'play';
    play.textContent = 'Play';
    play.dataset.game = game.name;
    play.href = playHref(game);
    play.addEventListener('click', () => localStorage.setItem('tickcast.name', $('name').value.trim()));
    const link = document.createElement('td');
    link.append(play);
    tr.append(cell(game.name), cell(`${game.tickHz} Hz`), cell(`${game.snapshotHz ?? game.tickHz / game.snapshotEveryTicks} Hz`),
      cell(`${game.maxPlayers} max`), link);
    return { tr, play, game };
  });
  $('game-list').replaceChildren(...rows.map((r) => r.tr));
  const refresh = () => rows.forEach((r) => { r.play.href = playHref(r.game); });
  $('name').addEventListener('input', refresh);
  $('lobby-status').textContent = games.length === 0 ? 'This server hosts no game.' : '';
}

async function start() {
  $('name').value = localStorage.getItem('tickcast.name') || '';
  $('name-form').addEventListener('submit', (e) => {
    e.preventDefault();
    document.querySelector('a.play')?.click();
  });
  try {
    const games = (await listGames()).filter((g) => g && typeof g.name === 'string' && typeof g.page === 'string'
      && g.page.startsWith('/'));
    render(games);
    document.body.dataset.games = String(games.length);
  } catch (e) {
    $('lobby-status').textContent = `Could not list the games of this server (${e.message}).`;
    $('lobby-status').classList.add('error');
    document.body.dataset.games = 'error';
  }
  document.body.dataset.ready = 'true';
  $('name').focus();
}

start();
