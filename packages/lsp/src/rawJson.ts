// Values the server keeps already serialised, and the writer of our stdio connection. The
// diagnostics of a 1,000-document file are about 400 KB of JSON made of per-document parts that an
// edit rarely changes, so they are kept as UTF-8 parts and copied as they are into the message,
// instead of the whole array being serialised (or even joined and encoded) again on every publish.
// Where the writer is not ours (node IPC, in-memory connections), JSON.stringify calls toJSON,
// which gives the value itself.
import { randomBytes } from 'node:crypto';
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/** Set while encodeMessage serialises a message: raw values leave their parts here and a placeholder in the output. */
let captured: (readonly Uint8Array[])[] | undefined;

/** A placeholder no value in a message can spell: NUL and a random nonce. */
const MARK = `\u0000flokoa-raw-${randomBytes(6).toString('hex')}:`;
const MARK_JSON = `"${JSON.stringify(MARK).slice(1, -1)}`;

/** A JSON value given as its UTF-8 text (in parts, in order), and as the value for serialisers other than ours. */
export class RawJson<T> {
  constructor(
    private readonly parts: () => readonly Uint8Array[],
    private readonly value: () => T,
  ) {}

  toJSON(): T | string {
    if (!captured) return this.value();
    captured.push(this.parts());
    return MARK + (captured.length - 1);
  }
}

/**
 * A message as JSON in UTF-8, in parts: RawJson values' cached bytes in place, the rest encoded
 * around them. JSON.stringify fails on a cycle or a BigInt: thrown.
 */
export function encodeMessage(msg: Message): Uint8Array[] {
  let json: string;
  const raws: (readonly Uint8Array[])[] = (captured = []);
  try {
    json = JSON.stringify(msg);
  } finally {
    captured = undefined;
  }
  return raws.length > 0 ? splice(json, raws) : [Buffer.from(json, 'utf8')];
}

/** The output's bytes in parts: each `"<MARK><n>"` of `json` replaced by raw value n's parts. */
function splice(json: string, raws: (readonly Uint8Array[])[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let from = 0;
  for (let at = json.indexOf(MARK_JSON); at >= 0; at = json.indexOf(MARK_JSON, from)) {
    const digits = at + MARK_JSON.length;
    const close = json.indexOf('"', digits);
    out.push(Buffer.from(json.slice(from, at), 'utf8'));
    for (const part of raws[Number(json.slice(digits, close))]!) out.push(part);
    from = close + 1;
  }
  out.push(Buffer.from(json.slice(from), 'utf8'));
  return out;
}

/** Below this, the output buffer is never given back; above it, when a message needs less than an eighth of it. */
const KEEP_BYTES = 4 * 1024 * 1024;

/**
 * The writer of our stdio connection: one message at a time, each assembled (header and body) in
 * one buffer that is reused once the stream has taken the previous message. A publish of a large
 * file's diagnostics is a copy of cached bytes, not a fresh megabyte-sized allocation per
 * keystroke (which is what drove the garbage collector as files grew). The stream must be done
 * with a chunk when it calls back, as pipes, files, TTYs and sockets (process.stdout) are.
 */
export class StdioMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private queue: Promise<void> = Promise.resolve();
  private buffer = Buffer.alloc(0);
  private errors = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    const sent = this.queue.then(() => this.send(msg));
    this.queue = sent.catch(() => undefined);
    return sent;
  }

  private send(msg: Message): Promise<void> {
    let body: Uint8Array[];
    try {
      body = encodeMessage(msg);
    } catch (e) {
      this.fireError(e, msg, ++this.errors);
      return Promise.reject(e);
    }
    let length = 0;
    for (const part of body) length += part.length;
    const header = `Content-Length: ${length}\r\n\r\n`;
    const total = header.length + length;
    if (this.buffer.length < total || (this.buffer.length > KEEP_BYTES && total < this.buffer.length / 8))
      this.buffer = Buffer.allocUnsafeSlow(Math.ceil(total * 1.25)); // only the bytes written below are sent
    let at = this.buffer.write(header, 0, 'ascii');
    for (const part of body) {
      this.buffer.set(part, at);
      at += part.length;
    }
    const bytes = this.buffer.subarray(0, total);
    return new Promise((resolve, reject) =>
      this.out.write(bytes, (e?: Error | null) => {
        if (!e) return resolve();
        this.fireError(e, msg, ++this.errors);
        reject(e);
      }),
    );
  }

  end(): void {
    this.out.end();
  }
}
