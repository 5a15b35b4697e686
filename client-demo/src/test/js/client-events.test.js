// TickcastClient's events: client.on(event, listener) returns the unsubscribe, off(event, listener)
// removes one subscription, every event the client emits reaches its listeners with its
// arguments, and the deprecated on* properties (and options) still work, over the same events.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TickcastClient } from '../../../sdk/client.js';
import * as M from '../../../sdk/messages.js';
import { FakeSocket, fakeFetch, joinedClient, manualTimers, tick, WELCOME } from './fakes.js';
import { GOLDEN } from './golden.js';

const arena = GOLDEN.snapshotCase('arena');
const EVENTS = ['welcome', 'schema', 'state', 'chat', 'message', 'pong', 'close', 'error', 'status'];

function newClient(options = {}) {
  FakeSocket.all = [];
  return new TickcastClient({ game: 'arena', baseUrl: 'http://h:1', WebSocket: FakeSocket, fetch: fakeFetch([]),
    now: () => 0, ...manualTimers(), ...options });
}

describe('TickcastClient events', () => {
  it('delivers every event with its arguments to its subscribers', async () => {
    const client = newClient();
    const got = Object.fromEntries(EVENTS.map((e) => [e, []]));
    for (const event of EVENTS) {
      client.on(event, (...args) => got[event].push(args));
    }
    const joined = client.connect();
    await tick();
    const ws = FakeSocket.all[0];
    ws.receive(WELCOME);
    const welcome = await joined;
    ws.receive(GOLDEN.bytes(arena.schema));
    ws.receive(GOLDEN.bytes(arena.steps[0].frame));
    ws.receive(M.encodeChat({ playerId: 2, name: 'bob', text: 'hi' }));
    ws.receive(M.encodeGameMessage(7, Uint8Array.of(1, 2)));
    ws.receive(M.encodePong({ clientTime: 0, serverTick: 3 }));
    ws.receive(GOLDEN.bytes(arena.steps[2].frame)); // a delta without its baseline: an error, then a drop
    await tick();

    assert.deepStrictEqual(got.welcome, [[welcome]]);
    assert.equal(got.schema.length, 1);
    assert.ok(got.schema[0][0].length > 0 && got.schema[0][0].every((t) => typeof t.name === 'string'));
    assert.equal(got.state.length, 1);
    assert.deepStrictEqual(got.state[0][0].toJSON(), GOLDEN.json(arena.steps[0].state));
    assert.deepStrictEqual(Object.keys(got.state[0][1]), ['full', 'bytes', 'arrivalMs']);
    assert.deepStrictEqual(got.chat, [[{ playerId: 2, name: 'bob', text: 'hi', system: false }]]);
    assert.equal(got.message[0][0].type, 7);
    assert.deepStrictEqual(Array.from(got.message[0][0].payload), [1, 2]);
    assert.deepStrictEqual(got.pong, [[0]]);
    assert.match(got.error[0][0].message, /snapshot rejected/);
    assert.deepStrictEqual(got.close, [[{ code: -1, reason: got.error[0][0].message, willReconnect: true }]]);
    assert.deepStrictEqual(got.status.map((a) => a[0]), ['matchmaking', 'connecting', 'joined', 'reconnecting']);
    client.close();
    assert.equal(got.status.at(-1)[0], 'closed');
  });

  it('stops delivering once unsubscribed, through the returned function or off()', async () => {
    const { client, ws } = await joinedClient();
    const a = [];
    const b = [];
    const listener = (line) => b.push(line.text);
    const off = client.on('chat', (line) => a.push(line.text));
    client.on('chat', listener);
    ws.receive(M.encodeChat({ playerId: 1, name: 'bob', text: 'one' }));
    off();
    off(); // twice is harmless
    ws.receive(M.encodeChat({ playerId: 1, name: 'bob', text: 'two' }));
    assert.equal(client.off('chat', listener), true);
    assert.equal(client.off('chat', listener), false, 'already removed');
    ws.receive(M.encodeChat({ playerId: 1, name: 'bob', text: 'three' }));
    assert.deepStrictEqual(a, ['one']);
    assert.deepStrictEqual(b, ['one', 'two']);
    client.close();
  });

  it('stops delivery at once when a listener unsubscribes another in the middle of an event', async () => {
    const { client, ws } = await joinedClient();
    const seen = [];
    let offSecond = null;
    client.on('chat', () => {
      seen.push('first');
      offSecond();
    });
    offSecond = client.on('chat', () => seen.push('second'));
    ws.receive(M.encodeChat({ playerId: 1, name: 'bob', text: 'x' }));
    assert.deepStrictEqual(seen, ['first']);
    client.close();
  });

  it('refuses an unknown event name or a listener that is not a function', () => {
    const client = newClient();
    assert.throws(() => client.on('snapshot', () => {}), { name: 'TypeError', message: /unknown event 'snapshot'/ });
    assert.throws(() => client.off('onState', () => {}), TypeError);
    assert.throws(() => client.on('state', null), TypeError);
  });

  it('keeps the deprecated properties working, over the same events', async () => {
    const lines = [];
    const fromOption = [];
    const { client, ws } = await joinedClient({ onChat: (m) => fromOption.push(m.text) });
    const subscribed = [];
    client.on('chat', (m) => subscribed.push(m.text));
    ws.receive(M.encodeChat({ playerId: 1, name: 'bob', text: 'one' }));
    client.onChat = (m) => lines.push(m.text); // replaces the option's callback
    assert.equal(typeof client.onChat, 'function');
    ws.receive(M.encodeChat({ playerId: 1, name: 'bob', text: 'two' }));
    client.onChat = null;
    ws.receive(M.encodeChat({ playerId: 1, name: 'bob', text: 'three' }));
    assert.deepStrictEqual(fromOption, ['one']);
    assert.deepStrictEqual(lines, ['two']);
    assert.deepStrictEqual(subscribed, ['one', 'two', 'three'], 'the property does not touch other subscriptions');
    assert.doesNotThrow(() => client.onChat({ text: 'x' }), 'an unset property reads as a function that does nothing');
    assert.throws(() => {
      client.onState = 'render';
    }, TypeError);

    const statuses = [];
    client.onStatus = function (s) {
      statuses.push([this === client, s]);
    };
    client.close();
    assert.deepStrictEqual(statuses, [[true, 'closed']], 'called with the client as this, as before');
  });

  it('runs every listener and reconnects even when one throws, reporting its error', async () => {
    const reported = [];
    const original = globalThis.queueMicrotask;
    globalThis.queueMicrotask = (fn) => original(() => {
      try {
        fn();
      } catch (e) {
        reported.push(e);
      }
    });
    try {
      const { client, ws } = await joinedClient();
      const closes = [];
      client.on('close', () => {
        throw new Error('listener bug');
      });
      client.on('close', (c) => closes.push(c.code));
      ws.close(1006, '');
      await tick();
      assert.deepStrictEqual(closes, [1006]);
      assert.equal(client.status, 'reconnecting', 'the reconnection is scheduled all the same');
      assert.deepStrictEqual(reported.map((e) => e.message), ['listener bug']);
      client.close();
    } finally {
      globalThis.queueMicrotask = original;
    }
  });

  it('keeps its internals private: no internal handler or state reachable as a property', async () => {
    const { client } = await joinedClient();
    const own = Object.keys(client).sort();
    assert.deepStrictEqual(own, ['game', 'gameInfo', 'name', 'stats']);
    for (const internal of ['onFrame', 'onSocketClosed', 'onWelcomeMessage', 'send', 'mirror', 'seq', 'chatBucket',
      'reconnectToken', 'setStatus', 'matchmake', 'openSocket']) {
      assert.equal(client[internal], undefined, internal);
    }
    assert.equal(client.ws.readyState, 1, 'the documented ws');
    client.close();
  });
});
