// A test-side writer of SNAPSHOT_CELLS frames, from docs/PROTOCOL.md 10.10-10.13 (not from the
// Java encoder): the tests spell each message out part by part, so a frame can also break a rule.
//
//   frame({ tick, base, pred }, {
//     mask: [false, true, ...],                 globalMask, one bool per table
//     drop: [keys], enter: [keys], kept: [bits] one bit per kept cell
//     body: the client's own entity (owned ids are written S(id - body)), default -1
//     owned: [{ table, id, values: [v or undefined per field] }],
//     globals: [section 10.4 per global table], chunks: [[cell section per cell table], ...] })
//
// A 10.4 section: { removed: [ids], changed: [{ id, reuse?, diff }], added: [{ id, row }] }, added
// ids from baseMaxId. A cell section: { ref?, removed: [positions], changed: [{ k, reuse?, diff }],
// added: [{ id, row }] }: section bit 1, then the section, added rows coded against ref (the row of
// the base's first entity; the defaults if not given), then each against the previous added row.
// A cell table absent from a chunk gets section bit 0 (the empty section). diff: per field,
// undefined (unchanged), an S value (INT, QFLOAT), a string (STRING) or true (BOOL flips).

import { BitWriter } from '../../../sdk/bits.js';
import { BOOL, INT, QFLOAT, STRING } from '../../../sdk/schema.js';

function varuint(v) {
  const out = [];
  do {
    out.push((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
    v >>>= 7;
  } while (v > 0);
  return out;
}

/** A field schema. */
export function field(name, type, { linear = false, scale = 10 } = {}) {
  return { name, type, linear, scale: type === QFLOAT ? scale : 1 };
}

/** A table schema; field indexes filled in. */
export function table(name, ...fields) {
  return { name, fields: fields.map((f, index) => ({ ...f, index })) };
}

/** The test world: orb (cell table), leader (global), player (cell table with an owner-only ammo). */
export const SCHEMAS = [
  table('orb', field('x', QFLOAT, { linear: true }), field('value', INT)),
  table('leader', field('rank', INT), field('name', STRING)),
  table('player', field('x', QFLOAT, { linear: true }), field('ammo', INT), field('alive', BOOL), field('tag', STRING)),
];
export const ORB = 0;
export const LEADER = 1;
export const PLAYER = 2;
export const MASK = [false, true, false];

function writeMask(w, bits, n) {
  for (let f = 0; f < n; f++) {
    w.writeBit(bits[f]);
  }
}

function writeDiff(w, schema, change) {
  const n = schema.fields.length;
  w.writeBit(change.reuse === true);
  if (!change.reuse) {
    writeMask(w, Array.from({ length: n }, (_, f) => change.diff[f] !== undefined), n);
  }
  schema.fields.forEach((f, i) => {
    const d = change.diff[i];
    if (d === undefined || f.type === BOOL) {
      return;
    }
    if (f.type === STRING) {
      w.writeString(d);
    } else {
      w.writeS(d);
    }
  });
}

function writeValue(w, type, v, ref) {
  if (type === STRING) {
    w.writeString(v);
  } else if (type !== BOOL) {
    w.writeS((v - ref) | 0);
  }
}

/** A 10.4 section (a global table). */
export function writeSection(w, schema, { removed = [], changed = [], added = [] } = {}, baseMaxId = -1) {
  let prev = -1;
  w.writeU(removed.length);
  removed.forEach((id) => { w.writeU(id - prev - 1); prev = id; });
  prev = -1;
  w.writeU(changed.length);
  changed.forEach((c) => { w.writeU(c.id - prev - 1); prev = c.id; writeDiff(w, schema, c); });
  prev = baseMaxId;
  w.writeU(added.length);
  for (const { id, row } of added) {
    w.writeU(id - prev - 1);
    prev = id;
    const defaults = schema.fields.map((f) => (f.type === STRING ? '' : 0));
    writeMask(w, row.map((v, f) => v !== defaults[f]), schema.fields.length);
    row.forEach((v, f) => v !== defaults[f] && writeValue(w, schema.fields[f].type, v, 0));
  }
}

/** A 10.11 cell section, after its section bit (0 if section is undefined). */
export function writeCellSection(w, schema, section) {
  w.writeBit(section !== undefined);
  if (section === undefined) {
    return;
  }
  const { ref: baseFirst, removed = [], changed = [], added = [] } = section;
  let prev = -1;
  w.writeU(removed.length);
  removed.forEach((k) => { w.writeU(k - prev - 1); prev = k; });
  prev = -1;
  w.writeU(changed.length);
  changed.forEach((c) => { w.writeU(c.k - prev - 1); prev = c.k; writeDiff(w, schema, c); });
  prev = -1;
  w.writeU(added.length);
  let ref = baseFirst ?? schema.fields.map((f) => (f.type === STRING ? '' : 0));
  for (const { id, row } of added) {
    w.writeU(id - prev - 1);
    prev = id;
    writeMask(w, row.map((v, f) => v !== ref[f]), schema.fields.length);
    row.forEach((v, f) => v !== ref[f] && writeValue(w, schema.fields[f].type, v, ref[f]));
    ref = row;
  }
}

function writeKeys(w, keys) {
  let prev = -1;
  w.writeU(keys.length);
  keys.forEach((k) => { w.writeU(k - prev - 1); prev = k; });
}

/**
 * A whole frame. globals[i] / chunk[i] are indexed by table (ignored where the mask says the other
 * kind); globalMax[i] is the baseline's largest id of global table i.
 */
export function frame({ tick, base = 0, pred = 0 }, m, schemas = SCHEMAS) {
  const mask = m.mask ?? MASK;
  const w = new BitWriter();
  writeMask(w, mask, schemas.length);
  writeKeys(w, m.drop ?? []);
  writeKeys(w, m.enter ?? []);
  (m.kept ?? []).forEach((bit) => w.writeBit(bit));
  w.writeU((m.owned ?? []).length);
  for (const { table: t, id, values } of m.owned ?? []) {
    w.writeU(t);
    w.writeS(id - (m.body ?? -1));
    const fields = schemas[t]?.fields ?? values.map(() => ({ type: INT }));
    writeMask(w, values.map((v) => v !== undefined), fields.length);
    values.forEach((v, f) => {
      if (v !== undefined) {
        if (fields[f].type === BOOL) {
          w.writeBit(v);
        } else {
          writeValue(w, fields[f].type, v, 0);
        }
      }
    });
  }
  (m.extraClientBits ?? []).forEach((bit) => w.writeBit(bit));
  // the parts follow each other in one bit stream (PROTOCOL.md 10.10): padding only at the end
  schemas.forEach((s, i) => mask[i] && writeSection(w, s, m.globals?.[i], m.globalMax?.[i] ?? -1));
  for (const chunk of m.chunks ?? []) {
    schemas.forEach((s, i) => !mask[i] && writeCellSection(w, s, chunk?.[i]));
  }
  const body = w.end();
  const head = [0x26, ...varuint(tick), ...varuint(base), ...varuint(pred)];
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

