// The server's connection. Over stdio (what every editor but VS Code uses) it is made here, so that
// its writer copies pre-serialised diagnostics as they are (rawJson.ts);
// other transports (--node-ipc, --socket=, --pipe=) are made by vscode-languageserver from argv.
import { Console } from 'node:console';
import { format } from 'node:util';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  type Connection,
  type DataCallback,
  type Disposable,
  type Message,
} from 'vscode-languageserver/node';
import { StdioMessageWriter } from './rawJson.js';
import { FramingGuard } from './framing.js';

export function createServerConnection(argv: readonly string[] = process.argv): Connection {
  if (!argv.slice(2).includes('--stdio')) return createConnection(ProposedFeatures.all);
  const writer = new StdioMessageWriter(process.stdout);
  // Broken framing ends the session with one line (framing.ts); a well-framed message that is not
  // JSON is dropped with one line (its text is not shown: it may hold a document's Secrets).
  const guard = new FramingGuard((why) => {
    process.stderr.write(`flokoa-lsp: protocol error: ${why}; exiting\n`);
    process.exit(1);
  });
  process.stdin.on('data', (chunk: Buffer) => guard.push(chunk));
  const reader = new LifecycleReader(process.stdin, (m) => void writer.write(m).catch(() => undefined));
  reader.onError((e) => {
    const why = e instanceof SyntaxError ? 'its body is not JSON' : e.name;
    process.stderr.write(`flokoa-lsp: dropped a message that could not be read: ${why}\n`);
  });
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  // What vscode-languageserver does for its own stdio connection: a client that goes away ends
  // the server, and nothing but the protocol reaches stdout.
  const exit = (): never => process.exit(reader.shutdownReceived ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  const toLog = (...args: unknown[]): void => connection.console.log(format(...args));
  console.log = console.info = console.debug = toLog;
  const stderr = new Console(process.stderr);
  for (const name of ['dir', 'table', 'count', 'group', 'groupCollapsed', 'timeLog', 'timeEnd'] as const)
    console[name] = stderr[name].bind(stderr);
  return connection;
}

/**
 * The protocol's lifecycle, kept before any handler sees a message: a request before `initialize`
 * is refused with ServerNotInitialized (-32002), one after `shutdown` with InvalidRequest, and
 * notifications then are dropped (`exit` excepted). After shutdown, the input closing is a clean exit.
 */
class LifecycleReader extends StreamMessageReader {
  shutdownReceived = false;
  private initialized = false;

  constructor(
    input: NodeJS.ReadableStream,
    private readonly answer: (m: Message) => void,
  ) {
    super(input);
  }

  override listen(callback: DataCallback): Disposable {
    return super.listen((msg: Message) => {
      const { method, id } = msg as { method?: string; id?: number | string | null };
      if (method === undefined || method === 'exit') return callback(msg);
      const refuse = !this.initialized && method !== 'initialize' ? -32002 : this.shutdownReceived ? -32600 : 0;
      if (refuse) {
        const why = refuse === -32002 ? 'the server is not initialized yet' : 'the server is shut down';
        if (id !== undefined) this.answer({ jsonrpc: '2.0', id, error: { code: refuse, message: `${method}: ${why}` } } as Message);
        return;
      }
      if (method === 'initialize') this.initialized = true;
      if (method === 'shutdown') this.shutdownReceived = true;
      callback(msg);
    });
  }
}
