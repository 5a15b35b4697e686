// The bare /viewer/: what there is to watch. The finished recordings (GET /recordings) and the
// rooms broadcasting now (GET /rooms, their `broadcast` path), each a link to the viewer. Names come
// from the server's JSON and go in as text.

const $ = (id) => document.getElementById(id);

function link(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

function item(...parts) {
  const li = document.createElement('li');
  li.append(...parts);
  return li;
}

async function json(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!res.ok) {
    throw new Error(`GET ${url}: HTTP ${res.status}`);
  }
  return res.json();
}

function minutes(ms) {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Fills the page's lists; resolves to the number of links made. */
export async function showPicker() {
  const [recordings, rooms] = await Promise.all([json('/recordings'), json('/rooms')]);
  const live = rooms.filter((r) => typeof r.broadcast === 'string');
  $('live-list').replaceChildren(...live.map((r) => item(
    link(`?broadcast=${encodeURIComponent(r.broadcast)}`, `${r.game}, room ${r.id}`),
    document.createTextNode(` · ${r.players} players`))));
  $('replay-list').replaceChildren(...recordings.map((r) => item(
    link(`?recording=${encodeURIComponent(r.id)}`, `${r.game}, room ${r.room}`),
    document.createTextNode(` · ${new Date(r.startedAt).toLocaleString()} · ${minutes(r.durationMs)}`
      + ` · ${r.players} players`))));
  $('live-none').hidden = live.length > 0;
  $('replay-none').hidden = recordings.length > 0;
  return live.length + recordings.length;
}
