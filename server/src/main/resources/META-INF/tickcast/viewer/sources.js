// Where the viewer's states come from, one shape for every mode: {mode, head, firstTick, endTick,
// markers, events (an EventLog), stateAt(tick) (a Promise of a State or null), clock or
// playbackTick(nowMs), stop()}. The SDK's parts are looked up by name, so the page uses
// openRecording (replay by range) and BroadcastClient where the SDK offers them.

import * as sdk from '/sdk/index.js';
import { Clock } from './clock.js';
import { EventLog } from './events.js';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The source for the page's query: ?recording=ID[&memory=1] or ?broadcast=<sync URL>; throws if neither. */
export async function openSource(params) {
  const id = params.get('recording');
  if (id !== null) {
    if (!ID.test(id)) {
      throw new Error('not a recording id');
    }
    const url = `/recordings/${id}.tcrec`;
    return params.get('memory') === '1' || typeof sdk.openRecording !== 'function' ? memory(url) : ranged(url);
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

async function memory(url) {
  const res = await fetch(url);
  if (!res.ok) {
    throw new Error(`GET ${url}: HTTP ${res.status}`);
  }
  const recording = sdk.readRecording(new Uint8Array(await res.arrayBuffer()));
  if (recording.head === null) {
    throw new Error(recording.damage);
  }
  const player = new sdk.RecordingPlayer(recording);
  const events = new EventLog();
  events.update(recording.fragments);
  const info = { firstTick: player.firstTick, endTick: player.endTick, tickHz: recording.head.tickHz };
  return {
    mode: 'replay', head: recording.head, ...info, markers: recording.markers, events, damage: recording.damage,
    clock: new Clock(info),
    stateAt: async (tick) => player.stateAt(tick),
    stop() {},
  };
}

async function ranged(url) {
  const rec = await sdk.openRecording(url, { fetch: (...a) => fetch(...a) });
  const events = new EventLog();
  const info = { firstTick: rec.firstTick, endTick: rec.endTick, tickHz: rec.head.tickHz };
  const clock = typeof sdk.ReplayClock === 'function' ? new sdk.ReplayClock(info) : new Clock(info);
  return {
    mode: 'replay', head: rec.head, ...info, markers: rec.markers, events, damage: rec.damage ?? null, clock,
    async stateAt(tick) {
      const state = await rec.stateAt(tick);
      if (rec.fragments) {
        events.update(rec.fragments);
      }
      return state;
    },
    stop() {},
  };
}

async function broadcast(syncUrl) {
  if (typeof sdk.BroadcastClient !== 'function') {
    throw new Error('this SDK has no BroadcastClient');
  }
  const b = new sdk.BroadcastClient(syncUrl, { fetch: (...a) => fetch(...a) });
  await b.start();
  const events = new EventLog();
  const recording = b.player.recording;
  const source = {
    mode: 'broadcast', head: b.head, tickHz: b.head.tickHz, markers: recording.markers, events, damage: null,
    client: b,
    get firstTick() {
      return b.player.firstTick;
    },
    get endTick() {
      return b.player.endTick;
    },
    playbackTick: (nowMs) => b.playbackTick(nowMs),
    stateAt: async (tick) => {
      events.update(b.player.recording.fragments);
      return b.player.stateAt(tick);
    },
    stop: () => b.stop(),
  };
  b.on('ended', () => { source.ended = true; });
  b.on('error', (e) => { source.error = e; });
  return source;
}
