// The SCHEMA message, mirroring wire/SchemaSerializer.java:
//
//   varint tableCount                                   (at most MAX_TABLES)
//   per table:  string name, varint fieldCount          (name 1..64 UTF-8 bytes, at most 32 fields)
//     per field: string name, byte type (FieldType ordinal), byte flags (bit 0: linear),
//                varint scale (QFLOAT only)
//
// A decoded schema is a plain object: {name, fields: [{name, type, index, scale, linear}]}.

import { Reader } from './reader.js';
import { SCHEMA, typeByte } from './protocol.js';
import { Writer } from './writer.js';

/** FieldType ordinals (state/FieldType.java): the order is part of the protocol. */
export const INT = 0;
export const BOOL = 1;
export const STRING = 2;
export const QFLOAT = 3;
/** Type names by ordinal. */
export const TYPE_NAMES = ['INT', 'BOOL', 'STRING', 'QFLOAT'];

/** state/Schema.java limits. */
export const MAX_FIELDS = 32;
export const MAX_NAME_BYTES = 64;
const MAX_TABLES = 64;
const FLAG_LINEAR = 1;

/** null: truncated, over 64 bytes or not UTF-8 (Reader.readString); a name is never empty. */
function validName(name) {
  return name !== null && name !== '';
}

function numeric(type) {
  return type === INT || type === QFLOAT;
}

/** Reads a SCHEMA body (after the type byte); an array of schemas, or null if malformed. */
export function readSchemaBody(reader) {
  const tables = reader.readVarUInt();
  if (tables < 0 || tables > MAX_TABLES) {
    return null;
  }
  const schemas = [];
  for (let t = 0; t < tables; t++) {
    const schema = readTable(reader);
    if (schema === null) {
      return null;
    }
    schemas.push(schema);
  }
  return reader.fullyRead() ? schemas : null;
}

function readTable(reader) {
  const name = reader.readString(MAX_NAME_BYTES);
  const count = reader.readVarUInt();
  if (!validName(name) || count < 0 || count > MAX_FIELDS) {
    return null;
  }
  const fields = [];
  for (let f = 0; f < count; f++) {
    const fieldName = reader.readString(MAX_NAME_BYTES);
    if (!validName(fieldName) || reader.remaining() < 2) {
      return null;
    }
    const type = reader.readByte();
    const flags = reader.readByte();
    const scale = type === QFLOAT ? reader.readVarUInt() : 1;
    const linear = (flags & FLAG_LINEAR) !== 0;
    if (type < 0 || type > QFLOAT || scale < 1 || (flags & ~FLAG_LINEAR) !== 0 || (linear && !numeric(type))
        || fields.some((x) => x.name === fieldName)) {
      return null;
    }
    fields.push({ name: fieldName, type, index: f, scale, linear });
  }
  return { name, fields };
}

/** Decodes a whole SCHEMA frame (type byte included); an array of schemas, or null. */
export function decodeSchema(bytes) {
  const reader = new Reader(bytes);
  if (reader.readVarUInt() !== typeByte(SCHEMA)) {
    return null;
  }
  return readSchemaBody(reader);
}

/** Encodes a whole SCHEMA frame (for tests and tools). */
export function encodeSchema(schemas) {
  const w = new Writer();
  w.writeVarUInt(typeByte(SCHEMA));
  w.writeVarUInt(schemas.length);
  for (const schema of schemas) {
    w.writeString(schema.name);
    w.writeVarUInt(schema.fields.length);
    for (const f of schema.fields) {
      w.writeString(f.name);
      w.writeByte(f.type);
      w.writeByte(f.linear ? FLAG_LINEAR : 0);
      if (f.type === QFLOAT) {
        w.writeVarUInt(f.scale);
      }
    }
  }
  return w.toBytes();
}

/** The index of the field called name in schema, or -1. */
export function fieldIndex(schema, name) {
  return schema.fields.findIndex((f) => f.name === name);
}
