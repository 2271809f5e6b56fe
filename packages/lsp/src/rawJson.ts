// Values the server keeps already serialised. The diagnostics of a 1,000-document file are about
// 400 KB of JSON made of per-document parts that an edit rarely changes, so they are kept as text
// and the encoder of our stdio connection writes that text as it is, instead of serialising the
// whole array again on every publish. Where the encoder is not ours (node IPC, in-memory
// connections), JSON.stringify calls toJSON, which gives the value itself.
import { randomBytes } from 'node:crypto';
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

/** Set while our encoder serialises a message: raw values leave their text here and a placeholder in the output. */
let captured: string[] | undefined;

/** A placeholder no value in a message can spell: NUL and a random nonce. */
const MARK = `\u0000flokoa-raw-${randomBytes(6).toString('hex')}:`;
const MARK_JSON = `"${JSON.stringify(MARK).slice(1, -1)}`;

/** A JSON value given as its text, and as the value for serialisers other than ours. */
export class RawJson<T> {
  constructor(
    private readonly text: () => string,
    private readonly value: () => T,
  ) {}

  toJSON(): T | string {
    if (!captured) return this.value();
    captured.push(this.text());
    return MARK + (captured.length - 1);
  }
}

/** application/json, writing RawJson values' text in place. */
export const rawJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(msg: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    let json: string;
    const raws: string[] = (captured = []);
    try {
      json = JSON.stringify(msg);
    } catch (e) {
      return Promise.reject(e);
    } finally {
      captured = undefined;
    }
    return Promise.resolve(Buffer.from(raws.length > 0 ? splice(json, raws) : json, options.charset));
  },
};

/** Replaces each `"<MARK><n>"` of the output with raw text n. */
function splice(json: string, raws: string[]): string {
  let out = '';
  let from = 0;
  for (let at = json.indexOf(MARK_JSON); at >= 0; at = json.indexOf(MARK_JSON, from)) {
    const digits = at + MARK_JSON.length;
    const close = json.indexOf('"', digits);
    out += json.slice(from, at) + raws[Number(json.slice(digits, close))];
    from = close + 1;
  }
  return out + json.slice(from);
}
