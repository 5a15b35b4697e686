// TickcastClient.useInterpolator: once named, every INPUT and GAME_SEND carries the view stamp of
// what the interpolator draws at the client's clock, and every PING its delay in whole ms (lag
// compensation, docs/PROTOCOL.md); without one (or after useInterpolator(null)), view 0 and delay 0.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Interpolator, viewStamp } from '../../../sdk/index.js';
import * as P from '../../../sdk/protocol.js';
import { joinedClient, manualTimers, sentOf } from './fakes.js';
import { GOLDEN } from './golden.js';

const arena = GOLDEN.snapshotCase('arena');

/** A joined client on a clock the test sets, its interpolator fed ticks 3, 6 and 9 on time (50 ms apart). */
async function drawingClient() {
  const clock = { now: 1000 };
  const t = manualTimers();
  const { client, ws } = await joinedClient({ now: () => clock.now, ...t });
  const ip = new Interpolator({ tickHz: 60, snapshotEveryTicks: 3 });
  client.on('state', (state, info) => ip.push(state, info.arrivalMs));
  ws.receive(GOLDEN.bytes(arena.schema));
  for (const step of arena.steps.slice(0, 3)) {
    ws.receive(GOLDEN.bytes(step.frame));
    clock.now += 50;
  }
  assert.deepStrictEqual(ip.states.map((s) => s.state.tick), [3, 6, 9]);
  /** Sets the clock to the local time at which ip draws server time serverMs (tick 6 is 100 ms). */
  const drawAt = (serverMs) => {
    clock.now = serverMs + ip.offsetMs + ip.delayMs;
  };
  return { client, ws, ip, t, drawAt };
}

describe('TickcastClient.useInterpolator', () => {
  it('sends view 0 and view delay 0 without an interpolator', async () => {
    const { client, ws, t, drawAt } = await drawingClient();
    drawAt(112.5);
    assert.equal(client.sendInput(Uint8Array.of(6)), 1);
    assert.equal(client.sendMessage(2, Uint8Array.of(1)), 'sent');
    t.timers.at(-1).fn(); // the next regular PING
    assert.deepStrictEqual(sentOf(ws, P.INPUT).map((v) => v.view), [0]);
    assert.deepStrictEqual(sentOf(ws, P.GAME_SEND).map((v) => v.view), [0]);
    assert.deepStrictEqual(sentOf(ws, P.PING).map((v) => v.viewDelay), [0, 0]);
    client.close();
  });

  it('stamps inputs and game messages with what the interpolator draws at the client\'s clock', async () => {
    const { client, ws, ip, drawAt } = await drawingClient();
    client.useInterpolator(ip);
    drawAt(112.5); // a quarter of the way from tick 6 to tick 9
    assert.equal(client.sendInput(Uint8Array.of(6)), 1);
    drawAt(150 + 20); // past the newest: tick 9 held
    assert.equal(client.sendMessage(2, Uint8Array.of(1)), 'sent');
    drawAt(100 + (50 * 31.6) / 32); // rounds to 32/32: tick 9
    assert.equal(client.sendInput(Uint8Array.of(6)), 2);
    assert.deepStrictEqual(sentOf(ws, P.INPUT).map((v) => [v.seq, v.view, Array.from(v.payload)]),
      [[1, viewStamp(6, 8), [6]], [2, viewStamp(9, 0), [6]]]);
    assert.deepStrictEqual(sentOf(ws, P.GAME_SEND).map((v) => [v.type, v.view, Array.from(v.payload)]),
      [[2, viewStamp(9, 0), [1]]]);
    client.close();
  });

  it('declares the interpolator\'s delay, rounded, at once and with every PING after', async () => {
    const { client, ws, ip, t } = await drawingClient();
    client.useInterpolator(ip);
    const declared = Math.round(ip.delayMs);
    assert.ok(declared > 0);
    assert.deepStrictEqual(sentOf(ws, P.PING).map((v) => v.viewDelay), [0, declared],
      'the PING at WELCOME had no interpolator yet; naming one sends a PING at once');
    ip.delayMs = 93.6;
    t.timers.at(-1).fn();
    assert.equal(sentOf(ws, P.PING).at(-1).viewDelay, 94);
    client.close();
  });

  it('goes back to view 0 and delay 0 with useInterpolator(null), and sends 0 for a stamp out of range', async () => {
    const { client, ws, ip, t, drawAt } = await drawingClient();
    client.useInterpolator(ip);
    client.useInterpolator(null);
    drawAt(112.5);
    client.sendInput(Uint8Array.of(6));
    t.timers.at(-1).fn();
    client.useInterpolator({ stamp: () => 16385, delayMs: NaN });
    client.sendInput(Uint8Array.of(6));
    assert.deepStrictEqual(sentOf(ws, P.INPUT).map((v) => v.view), [0, 0]);
    assert.deepStrictEqual(sentOf(ws, P.PING).map((v) => v.viewDelay).slice(-3), [0, 0, 0]);
    client.close();
  });

  it('stamps nothing before it is joined: an input is not sent', async () => {
    const { client } = await drawingClient();
    client.close();
    client.useInterpolator(new Interpolator());
    assert.equal(client.sendInput(Uint8Array.of(6)), 0);
  });
});
