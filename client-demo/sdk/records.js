// The records of the HTTP binding (docs/PROTOCOL.md 2.1): the exact bytes of each message, wrapped
// so that a plain HTTP body can carry several of them, in either direction.
//
//   +--------------+----------------------+----------------------------- ...
//   | kind (1 byte)| length n (varuint)   |  n bytes of payload          ...
//   +--------------+----------------------+----------------------------- ...
//
//   SEQ 0x01        a varuint filling the payload: the number of the first MESSAGE that follows;
//                   the first record of every non-empty body, exactly once
//   MESSAGE 0x02    one message (its type byte first), n >= 1; numbered SEQ, SEQ + 1, ...
//   KEEPALIVE 0x03  n = 0 (downstream only)
//   CLOSE 0x04      a varuint close code, then a string of at most 123 bytes; the last record
//
// encodeBody writes an upstream body; RecordDecoder reads a downstream body as it streams in,
// chunk by chunk, handing whole records to a sink and keeping a partial last one for the next
// chunk. Malformed input is a return value (a reason), never an exception.

import { decodeUtf8 } from './reader.js';
import { Writer } from './writer.js';

export const SEQ = 0x01;
export const MESSAGE = 0x02;
export const KEEPALIVE = 0x03;
export const CLOSE = 0x04;
/** The kinds' names, as the golden manifest spells them. */
export const KIND_NAMES = Object.freeze({ [SEQ]: 'SEQ', [MESSAGE]: 'MESSAGE', [KEEPALIVE]: 'KEEPALIVE', [CLOSE]: 'CLOSE' });
/** The media type of every body of the binding. */
export const RECORDS_CONTENT_TYPE = 'application/vnd.tickcast.records';
/** The largest upstream body (open and send), in bytes. */
export const MAX_UPSTREAM_BODY_BYTES = 16384;
/** The longest CLOSE reason, in UTF-8 bytes (a WebSocket close reason's limit). */
export const MAX_CLOSE_REASON_BYTES = 123;
/**
 * The largest downstream record this client buffers. The protocol sets no limit on a server
 * message (a full snapshot of a large world may be big), but a length beyond this is taken as
 * garbage rather than as a reason to buffer without bound.
 */
export const MAX_DOWNSTREAM_RECORD_BYTES = 64 * 1024 * 1024;

const MAX_VARUINT_BYTES = 5;
const MAX_CLOSE_PAYLOAD_BYTES = MAX_VARUINT_BYTES + 1 + MAX_CLOSE_REASON_BYTES;
const UTF8 = new TextEncoder();

/** The bytes of a varuint of value (0..2^31-1). */
export function varuintBytes(value) {
  let n = 1;
  for (let v = value >>> 7; v !== 0; v >>>= 7) {
    n++;
  }
  return n;
}

/** The bytes a MESSAGE record of an n-byte message takes. */
export function messageRecordBytes(n) {
  return 1 + varuintBytes(n) + n;
}

/**
 * An upstream body: a SEQ record numbering messages[0] firstSeq, a MESSAGE record for each of the
 * first count messages, then a CLOSE record if close ({code, reason}) is given. Nothing to carry
 * (no message, no close) is the empty body.
 */
export function encodeBody(firstSeq, messages, count = messages.length, close = null) {
  if (count === 0 && close === null) {
    return new Uint8Array(0);
  }
  const w = new Writer(64);
  w.writeByte(SEQ);
  w.writeVarUInt(varuintBytes(firstSeq));
  w.writeVarUInt(firstSeq);
  for (let i = 0; i < count; i++) {
    const m = messages[i];
    w.writeByte(MESSAGE);
    w.writeVarUInt(m.length);
    w.writeBytes(m);
  }
  if (close !== null) {
    const reason = UTF8.encode(close.reason ?? '');
    w.writeByte(CLOSE);
    w.writeVarUInt(varuintBytes(close.code) + varuintBytes(reason.length) + reason.length);
    w.writeVarUInt(close.code);
    w.writeVarUInt(reason.length);
    w.writeBytes(reason);
  }
  return w.toBytes();
}

// What the varuint reader found: a value, or one of these.
const NEED_MORE = -1;
const BAD_VARUINT = -2;

/**
 * Reads downstream bodies, one at a time (begin() before each). push(chunk, sink) takes the next
 * bytes of the body and calls, for each whole record, sink.seq(n), sink.message(number, bytes),
 * sink.keepalive() or sink.close(code, reason); bytes is a view into the decoder's or the chunk's
 * memory, valid only during the call. The decoder is reused: it allocates nothing per record
 * (except a CLOSE's reason), and copies only a record cut between two chunks.
 */
export class RecordDecoder {
  #buf = new Uint8Array(1024);
  #len = 0;
  #seq = false;
  #next = 0;
  #closed = false;
  #error = null;
  /** The position after the varuint #varuint last read. */
  #at = 0;

  /** Starts a new body: the first record must be SEQ again. */
  begin() {
    this.#len = 0;
    this.#seq = false;
    this.#next = 0;
    this.#closed = false;
    this.#error = null;
  }

  /** True if the body so far ends inside a record (that record is dropped if the body ends there). */
  get partial() {
    return this.#len > 0;
  }

  /** Why the body is malformed, or null. */
  get error() {
    return this.#error;
  }

  /** True once the body carried its CLOSE record. */
  get closed() {
    return this.#closed;
  }

  /** Takes the next chunk of the body; returns null, or the reason the body is malformed. */
  push(chunk, sink) {
    if (this.#error !== null) {
      return this.#error;
    }
    let data = chunk;
    let end = chunk.length;
    if (this.#len > 0) {
      this.#append(chunk);
      data = this.#buf;
      end = this.#len;
    }
    let off = 0;
    while (off < end) {
      const next = this.#record(data, off, end, sink);
      if (next < 0) {
        break; // a partial record: wait for more
      }
      if (this.#error !== null) {
        return this.#error;
      }
      off = next;
    }
    this.#keep(data, off, end);
    return null;
  }

  /** Decodes the record at off; returns the offset after it, or -1 if it is not whole yet. */
  #record(data, off, end, sink) {
    const kind = data[off];
    if (kind < SEQ || kind > CLOSE) {
      return this.#malformed(`unknown record kind ${kind}`);
    }
    const n = this.#varuint(data, off + 1, end);
    if (n === NEED_MORE) {
      return -1;
    }
    if (n === BAD_VARUINT || n > MAX_DOWNSTREAM_RECORD_BYTES) {
      return this.#malformed('bad record length');
    }
    const reason = this.#check(kind, n);
    if (reason !== null) {
      return this.#malformed(reason);
    }
    const start = this.#at;
    if (end - start < n) {
      return -1;
    }
    this.#take(kind, data, start, start + n, sink);
    return start + n;
  }

  /** What is wrong with a record of this kind and length here, or null. */
  #check(kind, n) {
    if (this.#closed) {
      return 'a record after CLOSE';
    }
    if (!this.#seq && kind !== SEQ) {
      return 'the first record is not SEQ';
    }
    switch (kind) {
      case SEQ:
        return this.#seq ? 'a second SEQ' : n < 1 || n > MAX_VARUINT_BYTES ? 'bad SEQ length' : null;
      case MESSAGE:
        return n === 0 ? 'an empty MESSAGE' : null;
      case KEEPALIVE:
        return n !== 0 ? 'a KEEPALIVE with a payload' : null;
      default:
        return n < 2 || n > MAX_CLOSE_PAYLOAD_BYTES ? 'bad CLOSE length' : null;
    }
  }

  #take(kind, data, start, end, sink) {
    switch (kind) {
      case SEQ: {
        const seq = this.#varuint(data, start, end);
        if (seq < 0 || this.#at !== end) {
          this.#malformed('bad SEQ');
          return;
        }
        this.#seq = true;
        this.#next = seq;
        sink.seq(seq);
        return;
      }
      case MESSAGE:
        sink.message(this.#next++, data.subarray(start, end));
        return;
      case KEEPALIVE:
        sink.keepalive();
        return;
      default:
        this.#takeClose(data, start, end, sink);
    }
  }

  #takeClose(data, start, end, sink) {
    const code = this.#varuint(data, start, end);
    const len = code < 0 ? -1 : this.#varuint(data, this.#at, end);
    if (len < 0 || len > MAX_CLOSE_REASON_BYTES || end - this.#at !== len) {
      this.#malformed('bad CLOSE');
      return;
    }
    const reason = decodeUtf8(data.subarray(this.#at, end));
    if (reason === null) {
      this.#malformed('a CLOSE reason that is not UTF-8');
      return;
    }
    this.#closed = true;
    sink.close(code, reason);
  }

  /**
   * The varuint at data[pos, end) (docs/PROTOCOL.md 6.1: at most 5 bytes, 0..2^31-1), with #at
   * after it; NEED_MORE if end comes first, BAD_VARUINT if it is malformed.
   */
  #varuint(data, pos, end) {
    let value = 0;
    for (let i = 0; i < MAX_VARUINT_BYTES; i++) {
      if (pos + i >= end) {
        return NEED_MORE;
      }
      const b = data[pos + i];
      if (i === MAX_VARUINT_BYTES - 1 && b > 0x07) {
        return BAD_VARUINT; // a 6th byte, or a value over 2^31-1
      }
      value += (b & 0x7f) * 2 ** (7 * i);
      if ((b & 0x80) === 0) {
        this.#at = pos + i + 1;
        return value;
      }
    }
    return BAD_VARUINT;
  }

  #malformed(reason) {
    this.#error = reason;
    return 0;
  }

  #append(chunk) {
    if (this.#len + chunk.length > this.#buf.length) {
      const grown = new Uint8Array(Math.max(this.#len + chunk.length, this.#buf.length * 2));
      grown.set(this.#buf.subarray(0, this.#len));
      this.#buf = grown;
    }
    this.#buf.set(chunk, this.#len);
    this.#len += chunk.length;
  }

  /** Keeps data[off, end), the start of a record not yet whole, for the next chunk. */
  #keep(data, off, end) {
    if (data === this.#buf) {
      this.#buf.copyWithin(0, off, end);
      this.#len = end - off;
    } else {
      this.#len = 0;
      this.#append(data.subarray(off, end));
    }
  }
}
