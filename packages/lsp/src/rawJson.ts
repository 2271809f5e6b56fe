// Values the server keeps already serialised. The diagnostics of a 1,000-document file are about
// 400 KB of JSON made of per-document parts that an edit rarely changes, so they are kept as
// UTF-8 parts and the encoder of our stdio connection copies those bytes as they are, instead of
// serialising (or even joining and encoding) the whole array again on every publish. Where the encoder is not ours (node IPC, in-memory
// connections), JSON.stringify calls toJSON, which gives the value itself.
import { randomBytes } from 'node:crypto';
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

/** Set while our encoder serialises a message: raw values leave their parts here and a placeholder in the output. */
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

/** application/json in UTF-8 (what the base protocol's default charset is), with RawJson values' bytes in place. */
export const rawJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(msg: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    if (!/^utf-?8$/i.test(options.charset)) return Promise.reject(new Error(`rawJsonEncoder writes UTF-8, not ${options.charset}`));
    let json: string;
    const raws: (readonly Uint8Array[])[] = (captured = []);
    try {
      json = JSON.stringify(msg);
    } catch (e) {
      return Promise.reject(e);
    } finally {
      captured = undefined;
    }
    return Promise.resolve(raws.length > 0 ? Buffer.concat(splice(json, raws)) : Buffer.from(json, 'utf8'));
  },
};

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
