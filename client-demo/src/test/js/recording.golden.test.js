// Reads game-logic's golden recordings (docs/PROTOCOL.md 13 and 14; written by the Java codec)
// and checks what the manifest's "recordings" entries say, as RecordingsGoldenTest does with the
// Java reader: the head, finished, readableBytes, the damage (where and its text), the fragments
// and every entry, markers, players, endTick and durationMs, and the replayed states.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readRecording, RecordingPlayer } from '../../../sdk/recording.js';
import { decodeSchema } from '../../../sdk/schema.js';
import { GOLDEN } from './golden.js';

const TYPES = {
  snapshot: 'SNAPSHOT', chat: 'CHAT', gameMessage: 'GAME_MESSAGE', join: 'JOIN', leave: 'LEAVE', mark: 'MARK',
};

/** An entry in the manifest's form. */
function entryJson(e) {
  const out = { tick: e.tick, type: TYPES[e.type] };
  if (e.type === 'snapshot') {
    out.length = e.bytes.length;
  } else if (e.type === 'chat' || e.type === 'gameMessage') {
    out.bytes = [...e.bytes];
  } else if (e.type === 'join') {
    Object.assign(out, { playerId: e.playerId, name: e.name });
  } else if (e.type === 'leave') {
    out.playerId = e.playerId;
  } else {
    out.text = e.text;
  }
  return out;
}

/** The manifest's entry with its files replaced by their bytes. */
function expectedEntry(e) {
  const { file, ...rest } = e;
  return file === undefined ? rest : { ...rest, bytes: [...GOLDEN.bytes(file)] };
}

const present = GOLDEN.exists();
const cases = present ? GOLDEN.manifest().recordings ?? [] : [];

describe('golden recordings', () => {
  it('has the arena recording and its truncated and corrupted copies', () => {
    assert.deepStrictEqual(cases.map((c) => c.name), ['arena', 'truncated', 'corrupted']);
  });

  for (const c of cases) {
    const bytes = () => GOLDEN.bytes(c.file);

    it(`reads ${c.name}: head, damage, summary`, () => {
      const data = bytes();
      assert.equal(data.length, c.bytes);
      const rec = readRecording(data);
      const { schema, schemaBytes, ...head } = rec.head;
      const { schema: schemaFile, ...expectedHead } = c.head;
      assert.deepStrictEqual(head, expectedHead);
      assert.deepStrictEqual([...schemaBytes], [...GOLDEN.bytes(schemaFile)]);
      assert.deepStrictEqual(schema, decodeSchema(GOLDEN.bytes(schemaFile)));
      assert.equal(rec.finished, c.finished);
      assert.equal(rec.readableBytes, c.readableBytes);
      if (c.damage === null) {
        assert.equal(rec.damage, null);
        assert.equal(rec.damageAt, -1);
      } else {
        assert.equal(rec.damage, c.damage.text);
        assert.equal(rec.damageAt, c.damage.at);
      }
      assert.equal(rec.endTick, c.endTick);
      assert.equal(rec.players, c.players);
      assert.equal(rec.durationMs, c.durationMs);
      assert.deepStrictEqual(rec.markers, c.markers);
      if (c.finished) {
        assert.deepStrictEqual(rec.index.markers, c.markers);
        assert.equal(rec.index.durationMs, c.durationMs);
      }
    });

    it(`reads ${c.name}: every fragment and entry`, () => {
      const rec = readRecording(bytes());
      assert.equal(rec.fragments.length, c.fragments.length);
      rec.fragments.forEach((f, i) => {
        const { entries, ...expected } = c.fragments[i];
        assert.deepStrictEqual({
          offset: f.offset, number: f.number, startTick: f.startTick, hasFull: f.hasFull,
          fullLength: f.full === null ? 0 : f.full.length, endTick: f.endTick,
        }, expected, `fragment ${i}`);
        assert.deepStrictEqual(f.entries.map(entryJson), entries.map(expectedEntry), `fragment ${i}`);
      });
    });

    it(`replays ${c.name} into the committed states, in order and by seeking`, () => {
      const rec = readRecording(bytes());
      const played = new Map();
      const player = new RecordingPlayer(rec);
      for (const s of player.states()) {
        played.set(s.tick, s);
      }
      assert.equal(player.error, null);
      assert.equal(Math.max(...played.keys()), c.endTick);
      for (const { tick, state } of c.states) {
        const expected = GOLDEN.json(state);
        assert.deepStrictEqual(played.get(tick)?.toJSON(), expected, `played to ${tick}`);
        assert.deepStrictEqual(new RecordingPlayer(rec).stateAt(tick).toJSON(), expected, `seek to ${tick}`);
        assert.deepStrictEqual(new RecordingPlayer(rec).stateAt(tick + 2).toJSON(), expected, `seek to ${tick + 2}`);
      }
      const back = new RecordingPlayer(rec);
      for (const { tick, state } of [...c.states].reverse()) {
        assert.deepStrictEqual(back.stateAt(tick).toJSON(), GOLDEN.json(state), `back to ${tick}`);
      }
      assert.equal(new RecordingPlayer(rec).stateAt(c.fragments[0].startTick - 1), null);
    });
  }
});
