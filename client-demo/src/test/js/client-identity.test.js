// TickcastClient with identity on: the bearer token on every matchmaking (a string, or a function
// called each time), the server-chosen name and subject, a refused token (401) surfacing as an
// error event and never retried in a loop, and 4013 (replaced by a newer login) being final.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchmakeError, TickcastClient } from '../../../sdk/index.js';
import * as P from '../../../sdk/protocol.js';
import { FakeSocket, manualTimers, tick, WELCOME } from './fakes.js';

/**
 * A matchmaker answering each POST with answers.shift() (default: a seat with a reconnection token
 * and the name and subject of identity on); requests keep the headers and body of each POST.
 */
function identityFetch(requests, answers = []) {
  return async (url, init) => {
    if (init?.method !== 'POST') {
      return { ok: true, status: 200, json: async () => [] };
    }
    requests.push({ headers: init.headers, body: JSON.parse(init.body) });
    const n = requests.length;
    const answer = answers.shift() ?? { status: 200, body: { roomId: `room${n}`, token: `tok${n}`, game: 'arena',
      expiresInMs: 10000, reconnectToken: `re${n}`, name: 'Ann (verified)', subject: 'auth0|ann' } };
    return { ok: answer.status === 200, status: answer.status, json: async () => answer.body };
  };
}

const REFUSED = { status: 401, body: { error: 'the token has expired', reason: 'expired' } };

function newClient(requests, answers, options = {}) {
  FakeSocket.all = [];
  const t = manualTimers();
  const events = { errors: [], closes: [] };
  const client = new TickcastClient({ game: 'arena', name: 'typed', baseUrl: 'http://h:1', WebSocket: FakeSocket,
    fetch: identityFetch(requests, answers), now: () => 0, setTimeout: t.setTimeout, clearTimeout: t.clearTimeout,
    ...options });
  client.on('error', (e) => events.errors.push(e));
  client.on('close', (c) => events.closes.push(c));
  return { client, t, events };
}

async function join(client) {
  const joined = client.connect();
  await tick();
  await tick();
  FakeSocket.all.at(-1).receive(WELCOME);
  await joined;
}

describe('TickcastClient with a token', () => {
  it('sends the token as a bearer on every matchmaking and shows who the server seated', async () => {
    const requests = [];
    let calls = 0;
    const { client, t } = newClient(requests, [], { token: async () => `jwt-${++calls}` });
    assert.equal(client.identity, null, 'nobody before a seat');
    await join(client);
    assert.equal(requests[0].headers.authorization, 'Bearer jwt-1');
    assert.deepStrictEqual(client.identity, { subject: 'auth0|ann', name: 'Ann (verified)' });

    FakeSocket.all[0].close(1006, '');
    await tick();
    t.timers.at(-1).fn(); // resumes with the reconnection token: no matchmaking, no token
    await tick();
    assert.equal(requests.length, 1);
    assert.equal(FakeSocket.all[1].sent[0].value.token, 're1');
    client.close();
  });

  it('fetches a fresh token for a reconnection that matchmakes again', async () => {
    const requests = [];
    const tokens = ['first', 'second'];
    const { client, t } = newClient(requests, [], { token: () => tokens.shift(), reconnect: true,
      resumeWindowMs: 0 });
    await join(client);
    FakeSocket.all[0].close(1006, '');
    await tick();
    t.timers.at(-1).fn();
    await tick();
    await tick();
    assert.deepStrictEqual(requests.map((r) => r.headers.authorization), ['Bearer first', 'Bearer second']);
    client.close();
  });

  it('sends no Authorization header without a token, and keeps its own name from an older server', async () => {
    const requests = [];
    const { client } = newClient(requests, [{ status: 200, body: { roomId: 'r', token: 'tok', game: 'arena' } }]);
    await join(client);
    assert.equal('authorization' in requests[0].headers, false);
    assert.deepStrictEqual(client.identity, { subject: null, name: 'typed' });
    client.close();
  });

  it('surfaces a refused token as an error event with its reason, and does not try again', async () => {
    const requests = [];
    const { client, t, events } = newClient(requests, [REFUSED], { token: 'expired.jwt' });
    await assert.rejects(client.connect(), (e) => e instanceof MatchmakeError && e.status === 401);
    assert.equal(events.errors.length, 1);
    assert.equal(events.errors[0].reason, 'expired');
    assert.equal(events.errors[0].auth, true);
    assert.equal(client.status, 'closed');
    assert.equal(t.timers.length, 0, 'no retry scheduled');
    assert.equal(requests.length, 1);
  });

  it('stops reconnecting when the token is refused while matchmaking again', async () => {
    const requests = [];
    const { client, t, events } = newClient(requests, [undefined, REFUSED], { token: 'jwt', resumeWindowMs: 0 });
    await join(client);
    FakeSocket.all[0].close(1006, '');
    await tick();
    const scheduled = t.timers.length;
    t.timers.at(-1).fn();
    await tick();
    await tick();
    assert.equal(events.errors.at(-1).reason, 'expired');
    assert.equal(events.closes.at(-1).willReconnect, false);
    assert.equal(client.status, 'closed');
    assert.equal(t.timers.length, scheduled, 'no further retry');
    assert.equal(requests.length, 2);
  });

  it('does not reconnect after 4013 (a newer login of the same identity took the seat)', async () => {
    const requests = [];
    const { client, t, events } = newClient(requests, [], { token: 'jwt' });
    await join(client);
    const scheduled = t.timers.length;
    FakeSocket.all[0].close(P.CLOSE_REPLACED, 'replaced by a newer login of the same identity');
    await tick();
    assert.equal(P.CLOSE_REPLACED, 4013);
    assert.deepStrictEqual(events.closes[0], { code: 4013, reason: 'replaced by a newer login of the same identity',
      willReconnect: false });
    assert.equal(client.status, 'closed');
    assert.equal(t.timers.length, scheduled, 'no reconnection scheduled');
    assert.equal(requests.length, 1, 'no matchmaking either');
  });
});
