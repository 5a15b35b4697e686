// A small program against @tickcast/client's declarations (sdk/index.d.ts), compiled by
// `tsc --noEmit -p src/test/types` in the JS test run (types.test.js): it resolves the package
// through node_modules and its exports map, as a user's project would. The lines marked as
// expected errors at the end must stay errors.

import {
  CLOSE_RATE_LIMITED, fieldIndex, Interpolator, listGames, MAX_INPUT_PAYLOAD_BYTES, OK, Predictor, QFLOAT,
  MatchmakeError, RateMeter, SnapshotMirror, TickcastClient, viewStamp,
} from '@tickcast/client';
import type {
  ChatLine, ClientEventName, ClientStatus, Entity, GameInfo, GameMessage, SessionLimits, State, TableSchema,
  TransportName, ViewSource, Welcome,
} from '@tickcast/client';

interface Tank {
  x: number;
  y: number;
  heading: number;
}

const predictor = new Predictor<Tank>({
  tickHz: 30,
  step(body: Tank, input: Uint8Array, dtSeconds: number): Tank {
    const turn = (input[0] & 3) - 1;
    const heading = body.heading + turn * dtSeconds;
    return { x: body.x + Math.cos(heading) * 50 * dtSeconds, y: body.y + Math.sin(heading) * 50 * dtSeconds, heading };
  },
});

async function play(games: GameInfo[]): Promise<void> {
  const tanks = games.find((g) => g.name === 'tanks');
  const client = new TickcastClient({ game: 'tanks', gameInfo: tanks, name: 'ada', reconnect: true });
  let interpolator: Interpolator | null = null;
  const meter = new RateMeter(2000);
  client.on('welcome', (w: Welcome) => {
    interpolator = new Interpolator({ tickHz: w.tickHz, snapshotEveryTicks: w.snapshotEveryTicks,
      angular: { tank: ['heading'] } });
    client.useInterpolator(interpolator); // inputs carry what the player saw (lag compensation)
  });
  const offState: () => void = client.on('state', (state: State, info) => {
    interpolator?.push(state, info.arrivalMs);
    const table = state.table('tank');
    if (table === undefined) {
      return;
    }
    const row = table.rowOf(client.entityId);
    if (row >= 0) {
      const f = (name: string): number => fieldIndex(table.schema, name);
      predictor.reconcile({ x: table.value(row, f('x')) as number, y: table.value(row, f('y')) as number,
        heading: table.value(row, f('heading')) as number }, table.raw(row, f('lastInputSeq')) as number);
    }
    meter.sample(client.stats.bytesDown, info.arrivalMs);
  });
  client.on('chat', ({ name, text, system }: ChatLine) => {
    console.log(system ? `* ${text}` : `${name}: ${text}`);
  });
  const onMessage = ({ type, payload }: GameMessage): void => {
    console.log(type, payload.byteLength);
  };
  client.on('message', onMessage);
  client.on('close', ({ code, willReconnect }) => {
    if (code === CLOSE_RATE_LIMITED && !willReconnect) {
      console.log('too fast');
    }
  });
  client.on('status', (s: ClientStatus) => console.log(s));
  client.on('pong', (rttMs: number) => console.log(rttMs.toFixed(1)));
  const events: ClientEventName[] = ['welcome', 'schema', 'state', 'chat', 'message', 'pong', 'close', 'error', 'status'];
  // the deprecated properties still type-check, for one more release
  client.onError = (e: Error) => console.warn(e.message);
  const limits: SessionLimits = client.limits;
  console.log(limits.chatPerSecond, tanks?.limits?.gameMessageBurst, events.length);
  const welcome: Welcome = await client.connect();
  const cellsHeld: readonly number[] = client.heldCells;
  console.log(cellsHeld.length);
  const carrier: TransportName | null = client.transport;
  console.log(carrier ?? 'none', client.ws?.bufferedAmount);
  const seq: number = client.sendInput(Uint8Array.of(1));
  predictor.setInput(Uint8Array.of(1), seq);
  predictor.step();
  const drawn: Tank | null = predictor.displayed(16);
  const result: 'sent' | 'not-joined' | 'too-fast' = client.sendMessage(2, new TextEncoder().encode('fire'));
  const chat = client.sendChat('gg');
  if (chat === 'disabled' || result === 'too-fast') {
    console.log('not sent');
  }
  const npcs: Entity[] = interpolator === null ? [] : (interpolator as Interpolator).entities('npc', 0);
  console.log(welcome.roomId, drawn?.heading, npcs.length, MAX_INPUT_PAYLOAD_BYTES);
  const view: number = interpolator === null ? 0 : (interpolator as Interpolator).stamp(performance.now());
  const fixed: ViewSource = { stamp: () => viewStamp(3, 16), delayMs: 100 };
  client.useInterpolator(view > 0 ? fixed : null);
  offState();
  const removed: boolean = client.off('message', onMessage);
  console.log(removed);
  client.close();
}

function mirror(schemas: TableSchema[], frame: Uint8Array): number {
  // the client's own entity (WELCOME's entityId): cells rooms code owned entries against it
  const m = new SnapshotMirror(schemas, { body: 3 });
  m.body = m.body + 1;
  const r = m.apply(frame);
  if (r.code === OK) {
    // a cells room: the held cells for a minimap, where an entity is, this tick's owned fields
    const held: readonly number[] = m.heldCells;
    const where: number = m.cellOf(r.state.tables[0]?.ids[0] ?? 0);
    const own = m.owned.map((o) => `${schemas[o.table].name}#${o.id}`);
    console.log(m.kind === 'cells' ? held.length + where : 0, m.cells.keys.length, own);
    return r.state.tick;
  }
  const quantized = schemas.flatMap((s) => s.fields).filter((f) => f.type === QFLOAT);
  return quantized.length - r.reason.length;
}

listGames({ baseUrl: 'http://127.0.0.1:8080', fetch: globalThis.fetch }).then(play, console.error);
// the browser's fetch and WebSocket fit the injection points
new TickcastClient({ game: 'arena', fetch: globalThis.fetch, WebSocket: globalThis.WebSocket,
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), now: () => performance.now() }).close();
console.log(mirror([], new Uint8Array(0)));
// the carriers: a ladder of one's own, remembered in the browser's localStorage
new TickcastClient({ game: 'arena', transports: ['http-stream', 'http-poll'], transportTimeoutMs: 3000,
  transportMemoryMs: 0, storage: globalThis.localStorage, WebSocket: null }).close();
// identity on: a token (or a fresh one for each matchmaking), who the server seated, a refused token
const verified = new TickcastClient({ game: 'arena', token: async () => (await fetch('/my-token')).text() });
verified.on('error', (e) => console.log(e instanceof MatchmakeError && e.auth ? e.reason : e.message));
verified.connect().then(() => console.log(verified.identity?.subject ?? 'guest', verified.identity?.name));
new TickcastClient({ game: 'arena', token: 'eyJ...' }).close();

// @ts-expect-error: the game is required
new TickcastClient({ name: 'ada' });
// @ts-expect-error: a token is a string (or gives one)
new TickcastClient({ game: 'arena', token: 42 });
// @ts-expect-error: a step function is required
new Predictor({ tickHz: 60 });
// @ts-expect-error: step must return the body type
new Predictor<Tank>({ step: (body: Tank) => ({ x: body.x }) });
// an untyped predictor works on numeric records
const plain = new Predictor({ step: (b, input, dt) => ({ ...b, x: (b.x ?? 0) + input[0] * dt }) });
plain.reconcile({ x: 1 }, 0);
const typed = new TickcastClient({ game: 'arena' });
// @ts-expect-error: no such carrier
new TickcastClient({ game: 'arena', transports: ['carrier-pigeon'] });
// @ts-expect-error: no such event
typed.on('snapshot', () => {});
// @ts-expect-error: a state listener gets a State, not a string
typed.on('state', (state: string) => console.log(state));
// @ts-expect-error: the internals are private
typed.sender;
// @ts-expect-error: a view source stamps views
typed.useInterpolator({ delayMs: 100 });
// @ts-expect-error: the internals are not exported
import('@tickcast/client/reader.js');

// a delayed broadcast: the loop, its clock and its player
async function watch(syncPath: string): Promise<number> {
  const { BroadcastClient } = await import('@tickcast/client');
  const b = new BroadcastClient(syncPath, { marginMs: 250 });
  b.on('fragment', (f) => console.log(f.number, f.startTick, f.endTick));
  b.on('error', (e) => console.log(e.status, e.message));
  await b.start();
  const tick = b.playbackTick();
  console.log(b.head?.game, b.player?.stateAt(tick)?.tick, b.delayMs(), b.stats.notYet, b.sync?.delayMs);
  b.stop();
  // @ts-expect-error: no such object
  b.objectUrl(1, 'index');
  return tick;
}
watch('/broadcasts/x/sync');
// replays: by range or in memory, with a clock
import { openRecording, recordingFromBytes, ReplayClock } from '@tickcast/client';
import type { ReplayRecording } from '@tickcast/client';
async function replay(url: string): Promise<number> {
  const rec: ReplayRecording = await openRecording(url, { cacheBytes: 1 << 20 });
  const clock = new ReplayClock({ firstTick: rec.firstTick, endTick: rec.endTick, tickHz: rec.head.tickHz });
  clock.play(performance.now());
  clock.setSpeed(2);
  const state = await rec.stateAt(clock.tickAt(performance.now()));
  const marks = rec.markers.map((m) => `${m.tick} ${m.text}`).length;
  const mem = recordingFromBytes(new Uint8Array(0));
  return (state?.tick ?? 0) + marks + rec.eventsBetween(0, 10).length + rec.stats.requests + mem.endTick;
}
replay('/recordings/x.tcrec').then((n) => console.log(n));
// @ts-expect-error: stateAt is asynchronous
const notAState: State = recordingFromBytes(new Uint8Array(0)).stateAt(0);
