// A client's copy of the room state (SnapshotMirror.java), for both kinds of snapshot:
// SNAPSHOT (0x22, the whole world: snapshot.js) and SNAPSHOT_CELLS (0x26, a big world by cells:
// cells.js). A room sends one kind to a client (docs/PROTOCOL.md 10.10), so a mirror takes the kind
// of its first snapshot and refuses the other.
//
// For a cells room the renderer still sees one world: `current` is a State whose tables are the
// union of the global tables and every held cell (entities in id order), with this tick's owned
// entries applied. An entity that moves between held cells keeps its id, so interpolation and
// prediction follow it; the entities of a dropped cell are gone. The decoder's own states (the
// baselines, without owned values) are `cells` and `previousCells`. Owned entries name their entity
// against the client's own (WELCOME's entityId): the session sets `body` before cells snapshots.

import { CellDecoder, emptyCellState } from './cells.js';
import { SNAPSHOT_CELLS, typeByte } from './protocol.js';
import { BOOL } from './schema.js';
import { DeltaDecoder, emptyState, MALFORMED, OK, State, TableState } from './snapshot.js';

/** The two kinds of snapshot a mirror can hold. */
const WHOLE = 'snapshot';
const CELLS = 'cells';

/**
 * The current state and the one before it (the predictor of the next delta). apply() returns
 * {code, reason?}; on failure nothing changes.
 */
export class SnapshotMirror {
  /** options.body: the client's own entity, WELCOME's entityId (default -1, none). */
  constructor(schemas, { body = -1 } = {}) {
    this.schemas = schemas;
    this.decoder = new DeltaDecoder();
    this.cellDecoder = new CellDecoder();
    this.cellDecoder.body = body;
    this.current = emptyState(schemas);
    this.previous = emptyState(schemas);
    this.cells = emptyCellState(schemas);
    this.previousCells = this.cells;
    /** The owned entries of the last SNAPSHOT_CELLS: [{table, id, mask, values}]. */
    this.owned = [];
    /** 'snapshot' or 'cells' once a snapshot was applied, else null. */
    this.kind = null;
    this.snapshots = 0;
    this.fullSnapshots = 0;
  }

  /** The client's own entity: SNAPSHOT_CELLS owned ids are coded against it (docs/PROTOCOL.md 10.13). */
  get body() {
    return this.cellDecoder.body;
  }

  set body(entityId) {
    this.cellDecoder.body = entityId;
  }

  /** The keys of the cells held now, increasing (empty unless a cells room). */
  get heldCells() {
    return this.cells.keys;
  }

  /** The held cell the entity id is homed in, or -1 (not held, a global entity, or not a cells room). */
  cellOf(id) {
    return this.cells.cellOf(id);
  }

  /** Applies one SNAPSHOT or SNAPSHOT_CELLS message (type byte included). */
  apply(bytes, offset = 0, length = bytes.length - offset) {
    const kind = length > 0 && bytes[offset] === typeByte(SNAPSHOT_CELLS) ? CELLS : WHOLE;
    if (this.kind !== null && kind !== this.kind) {
      return { code: MALFORMED, reason: 'a room sends SNAPSHOT or SNAPSHOT_CELLS to a client, not both' };
    }
    const d = kind === CELLS ? this.cellDecoder : this.decoder;
    let code = d.readHeader(bytes, offset, length);
    if (code !== OK) {
      return { code, reason: d.reason };
    }
    const result = kind === CELLS
      ? d.decodeBody(this.cells, this.previousCells, this.schemas)
      : d.decodeBody(this.current, this.previous, this.schemas);
    code = result.code;
    if (code !== OK) {
      return { code, reason: d.reason };
    }
    let state = result.state;
    if (kind === CELLS) {
      this.previousCells = this.cells;
      this.cells = result.state;
      this.owned = result.owned;
      state = cellView(result.state, result.owned);
    }
    this.kind = kind;
    this.previous = this.current;
    this.current = state;
    this.snapshots++;
    if (d.full()) {
      this.fullSnapshots++;
    }
    return { code: OK, full: d.full(), state };
  }
}

/** The world a renderer sees: globals and held cells as one State, owned values applied. */
export function cellView(cellState, owned = []) {
  const { schemas, globals } = cellState;
  const held = Array.from(cellState.cells.values());
  const tables = schemas.map((schema, i) => globals[i] ?? union(schema, held.map((tables) => tables[i])));
  for (const { table, id, mask, values } of owned) {
    const t = tables[table];
    const row = t.rowOf(id);
    const copy = t.rows[row].slice();
    values.forEach((v, f) => {
      if ((mask & (1 << f)) !== 0) {
        copy[f] = v;
      }
    });
    const rows = t.rows.slice();
    rows[row] = copy;
    tables[table] = new TableState(t.schema, t.ids, rows);
  }
  return new State(schemas, cellState.tick, tables);
}

/** One table's entities of every held cell, in id order (the rows are shared, never copied). */
function union(s, parts) {
  const filled = parts.filter((t) => t.count > 0);
  if (filled.length === 1) {
    return filled[0];
  }
  const order = [];
  for (const t of filled) {
    t.ids.forEach((id, row) => order.push([id, t.rows[row]]));
  }
  order.sort((a, b) => a[0] - b[0]);
  return new TableState(s, order.map((e) => e[0]), order.map((e) => e[1]));
}

/**
 * A cells state in the golden-vector form (docs/PROTOCOL.md 13, `cellCases`): {tick, held, tables:
 * [{name, entities: [{id, cell?, field: raw}]}], owned: [{table, id, values}]}; entity fields as
 * the baseline (not the owned overlay); cell is absent in global tables.
 */
export function cellsJson(cellState, owned = []) {
  const view = cellView(cellState);
  return {
    tick: cellState.tick,
    held: cellState.keys.slice(),
    tables: view.tables.map((t, i) => ({
      name: t.name,
      entities: t.ids.map((id, row) => {
        const e = t.entity(row);
        return cellState.globalMask[i] ? e : { id, cell: cellState.cellOf(id), ...e };
      }),
    })),
    owned: owned.map(({ table, id, mask, values }) => {
      const fields = cellState.schemas[table].fields;
      const out = {};
      fields.forEach((f, k) => {
        if ((mask & (1 << k)) !== 0) {
          out[f.name] = f.type === BOOL ? values[k] !== 0 : values[k];
        }
      });
      return { table: cellState.schemas[table].name, id, values: out };
    }),
  };
}
