// The SNAPSHOT decoder, mirroring delta/DeltaDecoder.java (read them side by side; Quake's
// cl_parse.c mirrors sv_snapshot.c the same way). Layout (docs/PROTOCOL.md, "SNAPSHOT"):
//
//   varint type (SNAPSHOT + 2), varint tick, varint baseDelta (0: full), varint predDelta (0: none)
//   then a bit stream (bits.js), per table in schema order:
//     U removedCount, removed ids (U gap from the previous id, starting at -1)
//     U changedCount, per changed entity: U id gap, bit "same mask as the previous changed entity"
//       or the field mask (fieldCount bits), then per masked field: STRING -> STR, BOOL -> nothing
//       (the value flips), numeric -> S(value - predicted)
//     U addedCount, per added entity: U id gap (from the baseline's largest id), the mask of
//       non-default fields (fieldCount bits), then per masked field: STRING -> STR, BOOL -> nothing
//       (true), numeric -> S(value)
//   then zero padding to the byte.
//
// predicted = base + (base - pred), 32-bit wrapping, for linear fields of entities present in the
// predictor; otherwise base. A state is {tick, tables: [TableState]}; a TableState holds the ids
// (strictly increasing) and one row per id of quantized ints (BOOL as 0/1) and strings.
// States are never modified after they are built, so a renderer may keep old ones.

import { BitReader } from './bits.js';
import { Reader } from './reader.js';
import { MAX_STRING_BYTES as PROTOCOL_MAX_STRING_BYTES, SNAPSHOT, typeByte } from './protocol.js';
import { BOOL, QFLOAT, STRING } from './schema.js';

/** The message decoded. */
export const OK = 0;
/** The bytes do not follow docs/PROTOCOL.md. */
export const MALFORMED = -1;
/** The baseline or predictor given to decodeBody is not the one the message names. */
export const WRONG_BASE = -2;
/** The tick of a state that holds nothing yet. */
export const NO_TICK = -1;
/** The longest string a snapshot may carry, in UTF-8 bytes. */
export const MAX_STRING_BYTES = PROTOCOL_MAX_STRING_BYTES;
const MAX_ADDED_PER_TABLE = 1 << 20;
const INT_MAX = 0x7fffffff;

/** The rows of one table at one tick. */
export class TableState {
  constructor(schema, ids = [], rows = []) {
    this.schema = schema;
    this.ids = ids;
    this.rows = rows;
  }

  get name() {
    return this.schema.name;
  }

  get count() {
    return this.ids.length;
  }

  /** The largest id, or -1 if empty. */
  maxId() {
    return this.ids.length === 0 ? -1 : this.ids[this.ids.length - 1];
  }

  /** The row of id, or -1 (binary search: ids are increasing). */
  rowOf(id) {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid];
      if (v < id) {
        lo = mid + 1;
      } else if (v > id) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The raw wire value of field f at row: a quantized int, 0/1 for BOOL, a string for STRING. */
  raw(row, f) {
    return this.rows[row][f];
  }

  /** The value as the game means it: QFLOAT as q / scale, BOOL as a boolean, others raw. */
  value(row, f) {
    const field = this.schema.fields[f];
    const v = this.rows[row][f];
    if (field.type === QFLOAT) {
      return v / field.scale;
    }
    return field.type === BOOL ? v !== 0 : v;
  }

  /** The entity at row as an object {id, field: value...}; raw quantized values unless numbers. */
  entity(row, numbers = false) {
    const out = { id: this.ids[row] };
    const fields = this.schema.fields;
    for (let f = 0; f < fields.length; f++) {
      out[fields[f].name] = numbers ? this.value(row, f) : rawJson(fields[f], this.rows[row][f]);
    }
    return out;
  }
}

function rawJson(field, v) {
  return field.type === BOOL ? v !== 0 : v;
}

/** A state of the world: the tick and one TableState per schema. */
export class State {
  constructor(schemas, tick = NO_TICK, tables = schemas.map((s) => new TableState(s))) {
    this.schemas = schemas;
    this.tick = tick;
    this.tables = tables;
  }

  /** The TableState named name, or undefined. */
  table(name) {
    return this.tables.find((t) => t.schema.name === name);
  }

  /** The golden-vector form: {tick, tables: [{name, entities: [{id, field: raw}]}]}. */
  toJSON() {
    return {
      tick: this.tick,
      tables: this.tables.map((t) => ({
        name: t.name,
        entities: t.ids.map((id, row) => t.entity(row)),
      })),
    };
  }
}

/** The empty state (no entity, NO_TICK): the baseline of a full snapshot. */
export function emptyState(schemas) {
  return new State(schemas);
}

function predicted(field, b, baseRow, p, predRow) {
  const base = b.rows[baseRow][field.index];
  if (!field.linear || p === null || predRow < 0) {
    return base;
  }
  return (base + ((base - p.rows[predRow][field.index]) | 0)) | 0;
}

/**
 * Decodes one SNAPSHOT message in two steps, like DeltaDecoder: readHeader tells which baseline
 * and predictor the message needs, then decodeBody builds the target. Malformed input is a return
 * value (MALFORMED, with a `reason`), never an exception.
 */
export class DeltaDecoder {
  constructor(type = SNAPSHOT) {
    this.type = type;
    this.bits = new BitReader();
    this.tick = NO_TICK;
    this.baseTick = NO_TICK;
    this.predTick = NO_TICK;
    this.reason = '';
  }

  /**
   * Reads the header of the message in bytes[offset, offset + length), type byte included; the
   * type must be this decoder's (SNAPSHOT, or SNAPSHOT_CELLS for cells.js, whose header is the same).
   */
  readHeader(bytes, offset = 0, length = bytes.length - offset) {
    const input = new Reader(bytes, offset, length);
    const varInt = () => (input.canReadVarInt() ? input.readVarInt(true) : -1);
    const type = varInt();
    const t = varInt();
    const baseDelta = varInt();
    const predDelta = varInt();
    if (type !== typeByte(this.type) || t < 0 || baseDelta < 0 || predDelta < 0
        || baseDelta > t || (baseDelta === 0 && predDelta !== 0) || predDelta > t - baseDelta) {
      return this.malformed('bad header');
    }
    this.data = bytes;
    this.tick = t;
    this.baseTick = baseDelta === 0 ? NO_TICK : t - baseDelta;
    this.predTick = predDelta === 0 ? NO_TICK : this.baseTick - predDelta;
    this.bodyOffset = input.position;
    this.end = offset + length;
    return OK;
  }

  /** True if the message is a full snapshot (delta from the empty baseline). */
  full() {
    return this.baseTick === NO_TICK;
  }

  /**
   * Builds the target state from base (ignored for a full snapshot) and pred (ignored when the
   * message predicts nothing). Returns {code, state}; state is set only when code is OK.
   */
  decodeBody(base, pred, schemas) {
    const b = this.full() ? null : base;
    const p = this.predTick === NO_TICK ? null : pred;
    if ((b === null || b === undefined) !== this.full() || (b && b.tick !== this.baseTick)
        || (p === null || p === undefined) !== (this.predTick === NO_TICK) || (p && p.tick !== this.predTick)) {
      this.reason = `needs baseline ${this.baseTick} and predictor ${this.predTick}`;
      return { code: WRONG_BASE };
    }
    this.bits.begin(this.data, this.bodyOffset, this.end - this.bodyOffset);
    const tables = [];
    for (let i = 0; i < schemas.length; i++) {
      const t = this.decodeTable(b ? b.tables[i] : null, p ? p.tables[i] : null, schemas[i]);
      if (t === null) {
        return { code: MALFORMED };
      }
      tables.push(t);
    }
    if (this.bits.failed || !this.bits.atEnd()) {
      this.reason = this.bits.failed ? 'truncated body, or a string not UTF-8' : 'bytes after the body';
      return { code: MALFORMED };
    }
    return { code: OK, state: new State(schemas, this.tick, tables) };
  }

  malformed(reason) {
    this.reason = reason;
    return MALFORMED;
  }

  fails(reason) {
    this.reason = reason;
    return false;
  }

  decodeTable(b, p, schema) {
    const t = new TableState(schema);
    const bCount = b === null ? 0 : b.count;
    const removedCount = this.bits.readU();
    if (removedCount > bCount) {
      return this.fails(`${schema.name}: removes ${removedCount} of ${bCount}`) || null;
    }
    const removed = this.readRemoved(removedCount);
    if (removed === null) {
      return null;
    }
    const changedCount = this.bits.readU();
    if (changedCount > bCount - removedCount || this.bits.failed) {
      return this.fails(`${schema.name}: bad changed count`) || null;
    }
    if (bCount > 0 && !this.mergeBase(b, p, t, removed, changedCount)) {
      return null;
    }
    return this.readAdded(b === null ? -1 : b.maxId(), t) ? t : null;
  }

  readRemoved(count) {
    const removed = new Array(count);
    let prev = -1;
    for (let k = 0; k < count; k++) {
      const id = prev + 1 + this.bits.readU();
      if (id > INT_MAX) {
        return this.fails('removed id too large') || null;
      }
      removed[k] = id;
      prev = id;
    }
    return this.bits.failed ? this.fails('truncated removals') || null : removed;
  }

  mergeBase(b, p, t, removed, changedCount) {
    const schema = t.schema;
    const fieldCount = schema.fields.length;
    const removedCount = removed.length;
    let ri = 0;
    let ci = 0;
    let nextChanged = changedCount > 0 ? this.bits.readU() : Infinity;
    let mask = 0;
    let k = 0;
    for (let i = 0; i < b.count; i++) {
      const id = b.ids[i];
      if (ri < removedCount && removed[ri] === id) {
        ri++;
        continue;
      }
      if ((ri < removedCount && removed[ri] < id) || nextChanged < id) {
        return this.fails(`${schema.name}: id ${ri < removedCount ? removed[ri] : nextChanged} not in the baseline`);
      }
      let predRow = -1;
      if (p !== null) {
        while (k < p.count && p.ids[k] < id) {
          k++;
        }
        predRow = k < p.count && p.ids[k] === id ? k : -1;
      }
      const row = copyPredicted(schema, b, i, p, predRow);
      t.ids.push(id);
      t.rows.push(row);
      if (nextChanged === id) {
        mask = this.bits.readBit() ? mask : this.bits.read(fieldCount) | 0;
        if (!this.applyChange(schema, mask, row)) {
          return this.fails(`${schema.name}: bad change of id ${id}`);
        }
        ci++;
        nextChanged = ci < changedCount ? id + 1 + this.bits.readU() : Infinity;
      }
      if (this.bits.failed) {
        return this.fails(`${schema.name}: changes truncated, or a string not UTF-8`);
      }
    }
    return ri === removedCount && ci === changedCount
      ? true : this.fails(`${schema.name}: removed or changed ids not in the baseline`);
  }

  applyChange(schema, mask, row) {
    const n = schema.fields.length;
    if (mask === 0 || (n < 32 && (mask >>> n) !== 0)) {
      return false;
    }
    for (let f = 0; f < n; f++) {
      if ((mask & (1 << f)) === 0) {
        continue;
      }
      const type = schema.fields[f].type;
      if (type === STRING) {
        row[f] = this.bits.readString(MAX_STRING_BYTES);
      } else if (type === BOOL) {
        row[f] ^= 1;
      } else {
        row[f] = (row[f] + this.bits.readS()) | 0;
      }
    }
    return !this.bits.failed;
  }

  readAdded(baseMaxId, t) {
    const count = this.bits.readU();
    if (count > MAX_ADDED_PER_TABLE || this.bits.failed) {
      return this.fails(`${t.name}: bad added count`);
    }
    const fields = t.schema.fields;
    let prev = baseMaxId;
    for (let k = 0; k < count; k++) {
      const id = prev + 1 + this.bits.readU();
      if (id > INT_MAX || this.bits.failed || (t.count > 0 && id <= t.ids[t.count - 1])) {
        return this.fails(`${t.name}: bad added id ${id}`);
      }
      prev = id;
      const row = defaultRow(fields);
      t.ids.push(id);
      t.rows.push(row);
      const mask = this.bits.read(fields.length) | 0;
      for (let f = 0; f < fields.length; f++) {
        if ((mask & (1 << f)) !== 0) {
          row[f] = this.readAddedValue(fields[f].type);
        }
      }
      if (this.bits.failed) {
        return this.fails(`${t.name}: added entity ${id} truncated, or a string not UTF-8`);
      }
    }
    return true;
  }

  readAddedValue(type) {
    if (type === STRING) {
      return this.bits.readString(MAX_STRING_BYTES);
    }
    return type === BOOL ? 1 : this.bits.readS();
  }
}

/** A row of field defaults (0, false, ""). */
export function defaultRow(fields) {
  const row = new Array(fields.length);
  for (let f = 0; f < fields.length; f++) {
    row[f] = fields[f].type === STRING ? '' : 0;
  }
  return row;
}

/** The row of b at baseRow with every INT and QFLOAT predicted from p's predRow (10.5). */
export function copyPredicted(schema, b, baseRow, p, predRow) {
  const fields = schema.fields;
  const row = new Array(fields.length);
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f];
    row[f] = field.type === STRING ? b.rows[baseRow][f] : predicted(field, b, baseRow, p, predRow);
  }
  return row;
}
