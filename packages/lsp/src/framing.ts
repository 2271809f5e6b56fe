// The base protocol's framing, watched on the raw input of the stdio server: header lines end in
// \r\n, a header names a numeric Content-Length, and an empty line ends it. vscode-jsonrpc's reader
// waits for "\r\n\r\n" for ever when a client ends its header lines with a bare \n (the session
// stops answering and nothing says why), and drops a header without a length silently. A client
// that breaks the framing cannot be resynchronised (where the next message starts is unknown), so
// the server says which rule was broken, in one line, and ends. Nothing of the input is echoed: a
// desynchronised stream puts document text, Secrets included, where a header should be.

const MAX_HEADER = 8 * 1024;

export class FramingGuard {
  /** The current header's text so far ('' between messages). */
  private header = '';
  /** Bytes of the current body still to come. */
  private remaining = 0;
  /** Offset of the input where the current header started. */
  private headerStart = 0;
  private offset = 0;
  private failed = false;

  constructor(private readonly fail: (why: string) => void) {}

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length && !this.failed) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - i);
        this.remaining -= take;
        i += take;
        continue;
      }
      if (this.header === '') this.headerStart = this.offset + i;
      const nl = chunk.indexOf(0x0a, i);
      const end = nl < 0 ? chunk.length : nl + 1;
      this.header += chunk.toString('latin1', i, end);
      i = end;
      if (this.header.length > MAX_HEADER) this.stop(`a message header longer than ${MAX_HEADER / 1024} KB`);
      else if (nl >= 0) this.line();
    }
    this.offset += chunk.length;
  }

  /** The header has just received a line break. */
  private line(): void {
    if (!this.header.endsWith('\r\n')) {
      this.stop('a header line that ends in \\n without \\r (header lines end in \\r\\n)');
      return;
    }
    if (this.header !== '\r\n' && !this.header.endsWith('\r\n\r\n')) return;
    const lines = this.header.split('\r\n').filter((l) => l !== '');
    this.header = '';
    let length: number | undefined;
    for (const l of lines) {
      const colon = l.indexOf(':');
      if (colon < 0) return this.stop("a header line without ':'");
      if (l.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
      const value = l.slice(colon + 1).trim();
      if (!/^\d+$/.test(value)) return this.stop('a Content-Length that is not a number of bytes');
      length = Number(value);
    }
    if (length === undefined) this.stop('a message header without Content-Length');
    else this.remaining = length;
  }

  private stop(why: string): void {
    this.failed = true;
    this.fail(`${why}, in the header at byte ${this.headerStart} of the input`);
  }
}
