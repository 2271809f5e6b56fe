// The language server's features in-process: a WorkspaceSession over a fixture folder and the
// ServerContext the providers receive, without a connection (the protocol tests in e2e/ spawn the
// built server for that). Fast enough to test each provider's answers case by case.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CancellationTokenSource, type Connection, type Position } from 'vscode-languageserver/node';
import type { ServerContext } from '../../src/context.js';
import { EditTrace } from '../../src/editTrace.js';
import { FindingsCache } from '../../src/findings.js';
import { ruleLinks } from '../../src/ruleLinks.js';
import { LiveCluster } from '../../src/liveCluster.js';
import { WorkspaceSession } from '../../src/session.js';
import { readServerSettings } from '../../src/settings.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));

export interface InProcess {
  ctx: ServerContext;
  /** What the server logged as errors (a provider that threw is logged, not raised): tests expect none. */
  errors: string[];
  token: CancellationTokenSource['token'];
  /** The URI of a file of the fixture. */
  uri(file: string): string;
  /** Opens a fixture file (its text on disk, or `text`) as the editor would. */
  open(file: string, text?: string): string;
  /** The position of the `occurrence`-th `needle` in the file's text, plus `offset` characters. */
  at(file: string, needle: string, offset?: number, occurrence?: number): Position;
}

/** Indexes test/fixtures/<fixture> into a fresh session, as the server does after initialize. */
export async function inProcess(fixture: string): Promise<InProcess> {
  const root = pathToFileURL(FIXTURES + fixture).href;
  const errors: string[] = [];
  const log = { error: (m: string) => errors.push(m), info: () => undefined };
  const session = new WorkspaceSession(readServerSettings({}), log);
  session.setRoots([root]);
  // Nothing here talks to a client: the providers under test do not use the connection.
  const connection = {} as Connection;
  const ctx: ServerContext = {
    connection,
    session,
    findings: new FindingsCache(session, ruleLinks('https://flokoa.example/docs/rules.md')),
    trace: new EditTrace(connection, () => session.workspace.analysed),
    log,
    client: {},
    live: new LiveCluster(),
  };
  await session.indexWorkspace(() => undefined);
  const uri = (file: string) => `${root}/${file}`;
  const textOf = (file: string) => session.document(uri(file))?.getText() ?? readFileSync(fileURLToPath(uri(file)), 'utf8');
  return {
    ctx,
    errors,
    token: new CancellationTokenSource().token,
    uri,
    open(file, text) {
      session.open(uri(file), 'yaml', 1, text ?? readFileSync(fileURLToPath(uri(file)), 'utf8'));
      session.flush();
      return uri(file);
    },
    at(file, needle, offset = 0, occurrence = 1) {
      const text = textOf(file);
      let i = -1;
      for (let n = 0; n < occurrence; n++) {
        i = text.indexOf(needle, i + 1);
        if (i < 0) throw new Error(`${needle} (#${occurrence}) not in ${file}`);
      }
      const before = text.slice(0, i + offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    },
  };
}
