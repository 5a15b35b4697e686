// Where the viewer's states come from, one shape for every mode: {mode, head, tickHz, firstTick,
// endTick, markers, events (an EventLog), damage, stateAt(tick) (a Promise of a State or null),
// clock (a ReplayClock; replays only) or playbackTick(nowMs) (broadcasts), stop()}.

import { BroadcastClient, openRecording, recordingFromBytes, ReplayClock } from '/sdk/index.js';
import { EventLog } from './events.js';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The source for the page's query: ?recording=ID[&memory=1] or ?broadcast=<sync URL>; throws if neither. */
export async function openSource(params) {
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
    return broadcast(sync);
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

/** A delayed broadcast: the BroadcastClient's loop and clock. */
async function broadcast(syncUrl) {
  const b = new BroadcastClient(syncUrl, { fetch: (...a) => fetch(...a) });
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
  await b.start();
  source.head = b.head;
  source.tickHz = b.head.tickHz;
  return source;
}
