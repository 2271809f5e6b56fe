// The server's connection. Over stdio (what every editor but VS Code uses) it is made here, so that
// its writer uses the encoder that writes pre-serialised diagnostics as they are (rawJson.ts);
// other transports (--node-ipc, --socket=, --pipe=) are made by vscode-languageserver from argv.
import { Console } from 'node:console';
import { format } from 'node:util';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type DataCallback,
  type Disposable,
  type Message,
} from 'vscode-languageserver/node';
import { rawJsonEncoder } from './rawJson.js';

export function createServerConnection(argv: readonly string[] = process.argv): Connection {
  if (!argv.slice(2).includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new ShutdownAwareReader(process.stdin);
  const connection = createConnection(
    ProposedFeatures.all,
    reader,
    new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: rawJsonEncoder }),
  );
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

/** Notes the shutdown request go by: after it, the input closing is a clean exit. */
class ShutdownAwareReader extends StreamMessageReader {
  shutdownReceived = false;

  override listen(callback: DataCallback): Disposable {
    return super.listen((msg: Message) => {
      if ((msg as { method?: string }).method === 'shutdown') this.shutdownReceived = true;
      callback(msg);
    });
  }
}
