// The SNAPSHOT_CELLS decoder, written from docs/PROTOCOL.md 10.10-10.14. Layout:
//
//   0x26, varuint tick, varuint baseDelta (0: keyframe), varuint predDelta (0: none)     as 10.2
//   then one bit stream, its parts with no padding between them, zero-padded at the end (10.8):
//   client part: tableCount bits globalMask; U dropCount, key gaps; U enterCount, key gaps;
//     one bit per kept cell (1: a chunk follows); U ownedCount, owned entries (10.13)
//   global part: one 10.4 section per global table (DeltaDecoder.decodeTable)
//   chunks, in key order over the entered and the flagged kept cells:
//     per cell table, a section bit (0: the empty section, base carried with prediction), then if 1
//     a cell section (10.11): removed and changed entities by position in base, added ones by id
//     from -1, their values against ref (the base's first entity, then the previous added one)
//   An owned entry's id is coded S(id - body), body the client's own entity (WELCOME's, -1 if none).
//
// A CellState is the client's state as 10.10 defines it: the global tables, and for each held cell
// its cell tables. Owned entries are not part of it (10.13: the next delta's baseline keeps the
// defaults); decodeBody returns them beside it. States are never modified once built, so a kept
// cell without a chunk shares its TableStates with the state before.

import { SNAPSHOT_CELLS } from './protocol.js';
import { BOOL, STRING } from './schema.js';
import {
  copyPredicted, defaultRow, DeltaDecoder, MALFORMED, MAX_STRING_BYTES, NO_TICK, OK, TableState, WRONG_BASE,
} from './snapshot.js';

/** dropCount, enterCount, held cells and added entities of one section: at most 2^20. */
const MAX_COUNT = 1 << 20;
const INT_MAX = 0x7fffffff;

/** The client's state of a cells room at one tick: global tables and held cells. */
export class CellState {
  /**
   * globalMask: per table, true for a global table (null in the empty state); globals: per table,
   * its TableState if global, else null; cells: held key -> per table, its TableState in that cell
   * (null at global tables), inserted in increasing key order.
   */
  constructor(schemas, tick, globalMask, globals, cells) {
    this.schemas = schemas;
    this.tick = tick;
    this.globalMask = globalMask;
    this.globals = globals;
    this.cells = cells;
    /** The held cell keys, increasing. */
    this.keys = Array.from(cells.keys());
    this.homes = null;
  }

  /** The held cell whose cell tables hold id, or -1 (global entities are in no cell). */
  cellOf(id) {
    if (this.homes === null) {
      this.homes = new Map();
      for (const [key, tables] of this.cells) {
        tables.forEach((t) => t?.ids.forEach((i) => this.homes.set(i, key)));
      }
    }
    const key = this.homes.get(id);
    return key === undefined ? -1 : key;
  }
}

/** The empty state: no tick, no cell held. */
export function emptyCellState(schemas) {
  return new CellState(schemas, NO_TICK, null, schemas.map(() => null), new Map());
}

/**
 * Decodes one SNAPSHOT_CELLS message in two steps, as DeltaDecoder: readHeader (inherited: the
 * header is 10.2's), then decodeBody against the client's current and previous CellStates.
 */
export class CellDecoder extends DeltaDecoder {
  constructor() {
    super(SNAPSHOT_CELLS);
    /** The client's own entity (WELCOME's entityId, -1 for none): owned ids are coded against it (10.13). */
    this.body = -1;
  }

  /**
   * Builds the state at the message's tick from current (its baseline, unless a keyframe) and
   * previous (its predictor, if the header names one). Returns {code, state, owned}, state and
   * owned only when code is OK. owned: [{table, id, mask, values}], values indexed by field.
   */
  decodeBody(current, previous, schemas) {
    const b = this.full() ? null : current;
    const p = this.predTick === NO_TICK ? null : previous;
    if ((b !== null && b.tick !== this.baseTick) || (p !== null && p.tick !== this.predTick)) {
      this.reason = `needs baseline ${this.baseTick} and predictor ${this.predTick}`;
      return { code: WRONG_BASE };
    }
    this.bits.begin(this.data, this.bodyOffset, this.end - this.bodyOffset);
    // 10.10: the mask is the previous message's, except in a keyframe
    const client = this.readClientPart(b === null ? null : b.globalMask, b, schemas);
    const globals = client && this.readGlobals(client.mask, b, p, schemas);
    const cells = globals && this.readChunks(client, b, p, schemas);
    if (!cells) {
      return { code: MALFORMED };
    }
    if (!this.bits.atEnd()) {
      this.reason = 'bytes after the last chunk, or a padding bit not zero';
      return { code: MALFORMED };
    }
    const state = new CellState(schemas, this.tick, client.mask, globals, cells);
    const tableOf = this.placeIds(state);
    return tableOf && this.checkOwned(client.owned, tableOf, schemas)
      ? { code: OK, state, owned: client.owned } : { code: MALFORMED };
  }

  readClientPart(roomMask, b, schemas) {
    const mask = schemas.map(() => this.bits.readBit());
    if (roomMask !== null && mask.some((g, i) => g !== roomMask[i])) {
      return this.fails('the global mask changed');
    }
    const dropped = this.readKeys('drop');
    if (dropped && dropped.some((k) => b === null || !b.cells.has(k))) {
      return this.fails('drops a cell not held at the baseline');
    }
    const entered = dropped && this.readKeys('enter');
    if (entered && entered.some((k) => b !== null && b.cells.has(k))) {
      return this.fails('enters a cell held at the baseline');
    }
    if (!entered) {
      return null;
    }
    const gone = new Set(dropped);
    const kept = b === null ? [] : b.keys.filter((k) => !gone.has(k));
    const flagged = kept.filter(() => this.bits.readBit());
    if (kept.length + entered.length > MAX_COUNT) {
      return this.fails('holds more than 2^20 cells');
    }
    const owned = this.readOwned(schemas);
    if (!owned || this.bits.failed) {
      return this.fails(this.bits.failed ? 'client part truncated' : this.reason);
    }
    return { mask, kept, entered, flagged, owned };
  }

  /** Increasing keys coded as gaps from -1; null if malformed. */
  readKeys(what) {
    const count = this.bits.readU();
    if (this.bits.failed || count > MAX_COUNT) {
      return this.fails(`bad ${what} count`);
    }
    const keys = [];
    let prev = -1;
    for (let k = 0; k < count && !this.bits.failed; k++) {
      prev = prev + 1 + this.bits.readU();
      keys.push(prev);
    }
    return this.bits.failed || prev > INT_MAX ? this.fails(`bad ${what} keys`) : keys;
  }

  readOwned(schemas) {
    const count = this.bits.readU();
    const owned = [];
    for (let k = 0; k < count && !this.bits.failed; k++) {
      const table = this.bits.readU();
      const id = this.body + this.bits.readS();
      if (table >= schemas.length) {
        return this.fails(`owned entry of table ${table}`);
      }
      const fields = schemas[table].fields;
      const mask = this.bits.read(fields.length) | 0;
      const values = new Array(fields.length);
      for (let f = 0; f < fields.length; f++) {
        if ((mask & (1 << f)) !== 0) {
          values[f] = this.readOwnedValue(fields[f].type);
        }
      }
      owned.push({ table, id, mask, values });
    }
    return this.bits.failed ? this.fails('owned entries truncated, or a string not UTF-8') : owned;
  }

  readOwnedValue(type) {
    if (type === STRING) {
      return this.bits.readString(MAX_STRING_BYTES);
    }
    return type === BOOL ? this.bits.read(1) : this.bits.readS();
  }

  readGlobals(mask, b, p, schemas) {
    const globals = schemas.map(() => null);
    for (let i = 0; i < schemas.length; i++) {
      if (mask[i]) {
        globals[i] = this.decodeTable(b?.globals[i] ?? null, p?.globals[i] ?? null, schemas[i]);
        if (!globals[i]) {
          return null;
        }
      }
    }
    return this.bits.failed ? this.fails('global part truncated') : globals;
  }

  /** The held cells after the message, in key order: chunks decoded, the other kept cells carried. */
  readChunks({ mask, kept, entered, flagged }, b, p, schemas) {
    const chunks = new Map();
    const order = [...entered, ...flagged].sort((x, y) => x - y);
    for (const key of order) {
      const base = b?.cells.get(key);
      const pred = base === undefined ? undefined : p?.cells.get(key);
      const tables = schemas.map(() => null);
      for (let i = 0; i < schemas.length; i++) {
        if (!mask[i]) {
          tables[i] = this.decodeCellTable(base ? base[i] : null, pred ? pred[i] : null, schemas[i]);
          if (!tables[i]) {
            return this.fails(`cell ${key}: ${this.reason}`);
          }
        }
      }
      if (this.bits.failed) {
        return this.fails(`cell ${key}: truncated`);
      }
      chunks.set(key, tables);
    }
    const cells = new Map();
    for (const key of [...kept, ...entered].sort((x, y) => x - y)) {
      cells.set(key, chunks.get(key) ?? b.cells.get(key));
    }
    return cells;
  }

  /** One cell section (10.11) after its section bit; a TableState, or null if malformed. */
  decodeCellTable(base, pred, schema) {
    const present = this.bits.readBit();
    if (this.bits.failed) {
      return this.fails(`${schema.name}: no section bit`) || null;
    }
    const count = base === null ? 0 : base.count;
    const removed = this.readPositions(count, present ? this.bits.readU() : 0);
    const changedCount = removed && (present ? this.bits.readU() : 0);
    if (removed === null || this.bits.failed || changedCount > count - removed.size) {
      return this.fails(`${schema.name}: bad removals or changed count`) || null;
    }
    const rows = new Array(count);
    for (let k = 0; k < count; k++) {
      rows[k] = removed.has(k) ? null : copyPredicted(schema, base, k, pred, pred ? pred.rowOf(base.ids[k]) : -1);
    }
    let prev = -1;
    let mask = 0;
    for (let c = 0; c < changedCount; c++) {
      const k = prev + 1 + this.bits.readU();
      if (this.bits.failed || k >= count || rows[k] === null) {
        return this.fails(`${schema.name}: bad changed position ${k}`) || null;
      }
      prev = k;
      mask = this.bits.readBit() ? mask : this.bits.read(schema.fields.length) | 0;
      if (!this.applyChange(schema, mask, rows[k])) {
        return this.fails(`${schema.name}: bad change at position ${k}`) || null;
      }
    }
    const t = new TableState(schema);
    for (let k = 0; k < count; k++) {
      if (rows[k] !== null) {
        t.ids.push(base.ids[k]);
        t.rows.push(rows[k]);
      }
    }
    return present ? this.readCellAdded(base, t) : t;
  }

  /** count positions below size, strictly increasing; a Set, or null if malformed. */
  readPositions(size, count) {
    if (this.bits.failed || count > size) {
      return null;
    }
    const out = new Set();
    let prev = -1;
    for (let i = 0; i < count; i++) {
      prev = prev + 1 + this.bits.readU();
      if (this.bits.failed || prev >= size) {
        return null;
      }
      out.add(prev);
    }
    return out;
  }

  /**
   * The added entities of a cell section merged by id into t (the base's kept ones); t or null.
   * ref starts as the base's first entity as held at B (before this section's changes).
   */
  readCellAdded(base, t) {
    const count = this.bits.readU();
    if (this.bits.failed || count > MAX_COUNT) {
      return this.fails(`${t.name}: bad added count`) || null;
    }
    const fields = t.schema.fields;
    let ref = base !== null && base.count > 0 ? base.rows[0] : defaultRow(fields);
    let prev = -1;
    const ids = [];
    const rows = [];
    for (let k = 0; k < count; k++) {
      const id = prev + 1 + this.bits.readU();
      if (this.bits.failed || id > INT_MAX || (base !== null && base.rowOf(id) >= 0)) {
        return this.fails(`${t.name}: bad added id ${id}`) || null;
      }
      prev = id;
      const mask = this.bits.read(fields.length) | 0;
      const row = ref.slice();
      for (let f = 0; f < fields.length; f++) {
        if ((mask & (1 << f)) !== 0) {
          row[f] = this.readRefValue(fields[f].type, ref[f]);
        }
      }
      if (this.bits.failed) {
        return this.fails(`${t.name}: added entity ${id} truncated, or a string not UTF-8`) || null;
      }
      ids.push(id);
      rows.push(row);
      ref = row;
    }
    return ids.length === 0 ? t : merged(t, ids, rows);
  }

  readRefValue(type, ref) {
    if (type === STRING) {
      return this.bits.readString(MAX_STRING_BYTES);
    }
    return type === BOOL ? ref ^ 1 : (ref + this.bits.readS()) | 0;
  }

  /** Checks that no id is in two places (10.14 step 4); id -> table index, or null. */
  placeIds(state) {
    const tableOf = new Map();
    const place = (t, i) => t.ids.every((id) => !tableOf.has(id) && tableOf.set(id, i));
    const ok = state.globals.every((t, i) => t === null || place(t, i))
      && Array.from(state.cells.values()).every((tables) => tables.every((t, i) => t === null || place(t, i)));
    return ok ? tableOf : this.fails('an entity id is in two places');
  }

  /** Each owned entry names an entity held after the message, in that table (10.13). */
  checkOwned(owned, tableOf, schemas) {
    for (const { table, id } of owned) {
      if (tableOf.get(id) !== table) {
        return this.fails(`owned entry of ${schemas[table].name} ${id}: not held`);
      }
    }
    return true;
  }
}

/** The TableState of t's entities and the added ones (ids and rows increasing), by id. */
function merged(t, ids, rows) {
  const out = new TableState(t.schema);
  let i = 0;
  let j = 0;
  while (i < t.count || j < ids.length) {
    if (j === ids.length || (i < t.count && t.ids[i] < ids[j])) {
      out.ids.push(t.ids[i]);
      out.rows.push(t.rows[i++]);
    } else {
      out.ids.push(ids[j]);
      out.rows.push(rows[j++]);
    }
  }
  return out;
}
