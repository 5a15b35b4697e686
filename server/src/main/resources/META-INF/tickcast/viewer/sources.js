// Where the viewer's states come from, one shape for every mode: {mode, head, tickHz, firstTick,
// endTick, markers, events (an EventLog), damage, stateAt(tick) (a Promise of a State or null),
// clock (a ReplayClock; replays only) or playbackTick(nowMs) (broadcasts), stop()}.

import { BroadcastClient, openRecording, recordingFromBytes, ReplayClock } from '/sdk/index.js';
import { EventLog } from './events.js';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const NOT_YET_MS = 1000;
const NOT_YET_TRIES = 60;

/**
 * The source for the page's query: ?recording=ID[&memory=1] or ?broadcast=<sync URL>; throws if
 * neither. `waiting` is called while a broadcast has published nothing yet.
 */
export async function openSource(params, waiting = () => {}) {
  const id = params.get('recording');
  if (id !== null) {
    if (!ID.test(id)) {
      throw new Error('not a recording id');
    }
    return replay(`/recordings/${id}.tcrec`, params.get('memory') === '1');
  }
  const sync = params.get('broadcast');
  if (sync !== null) {
    if (!sync.startsWith('/') || sync.startsWith('//')) {
      throw new Error('a broadcast must be a path of this server');
    }
    return broadcast(sync, waiting);
  }
  throw new Error('say ?recording=ID or ?broadcast=<sync URL>');
}

/** A finished recording: by Range (openRecording), or fetched whole when `memory`. */
async function replay(url, memory) {
  let rec;
  if (memory) {
    const res = await fetch(url);
    if (!res.ok) {
      throw new Error(`GET ${url}: HTTP ${res.status}`);
    }
    rec = recordingFromBytes(new Uint8Array(await res.arrayBuffer()));
  } else {
    rec = await openRecording(url, { fetch: (...a) => fetch(...a) });
  }
  const events = new EventLog();
  const info = { firstTick: rec.firstTick, endTick: rec.endTick, tickHz: rec.head.tickHz };
  return {
    mode: memory ? 'memory' : 'range', head: rec.head, ...info, markers: rec.markers, events, damage: rec.damage,
    clock: new ReplayClock(info), recording: rec,
    async stateAt(tick) {
      const state = await rec.stateAt(tick);
      events.update(rec.slots); // the fragments loaded so far (a range replay loads them as it seeks)
      return state;
    },
    stop() {},
  };
}

/** A client started on syncUrl; while nothing is published yet (404), tried again every second for a minute. */
async function started(syncUrl, waiting) {
  for (let attempt = 0; ; attempt++) {
    const b = new BroadcastClient(syncUrl, { fetch: (...a) => fetch(...a) });
    try {
      await b.start();
      return b;
    } catch (e) {
      b.stop();
      if (e.status !== 404 || attempt >= NOT_YET_TRIES) {
        throw e;
      }
      waiting();
      await new Promise((r) => setTimeout(r, NOT_YET_MS));
    }
  }
}

/** A delayed broadcast: the BroadcastClient's loop and clock. `waiting` is called while none is published. */
async function broadcast(syncUrl, waiting) {
  const b = await started(syncUrl, waiting);
  const source = {
    mode: 'broadcast', head: null, tickHz: 0, events: new EventLog(), damage: null, client: b, ended: false,
    get firstTick() {
      return b.player.firstTick;
    },
    get endTick() {
      return b.player.endTick;
    },
    get markers() {
      return b.recording.markers;
    },
    playbackTick: () => b.playbackTick(),
    async stateAt(tick) {
      if (source.recording !== b.recording) { // the client started over (after errors): a new recording
        source.recording = b.recording;
        source.events = new EventLog();
      }
      source.events.update(b.recording.fragments);
      return b.player.stateAt(tick);
    },
    stop: () => b.stop(),
  };
  b.on('ended', () => { source.ended = true; });
  b.on('error', (e) => { source.error = e.message; });
  source.head = b.head;
  source.tickHz = b.head.tickHz;
  return source;
}
