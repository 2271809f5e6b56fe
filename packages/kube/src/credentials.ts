// The credentials of a kubeconfig user, as request headers: a token, basic auth, an exec credential
// plugin (run with a time limit and the command's signal, its output never quoted, run again after a
// 401), a token file; and impersonation.
import type http from 'node:http';
import type https from 'node:https';
import { spawn } from 'node:child_process';
import { ExecAuth, FileAuth } from './clientNode.js';
import type { Connection } from './kubeconfig.js';
import { noteSecret } from './secrets.js';
import { formatDuration, UsageError } from './errors.js';

// An exec credential plugin gets the request timeout, or this when there is none (kubectl waits forever).
const EXEC_TIMEOUT_MS = 60_000;

export class Credentials {
  private execAuth: ExecAuth | undefined;
  private fileAuth: FileAuth | undefined;
  private execKilledAfterMs: number | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Sets Authorization (and Impersonate-User) on `h`. */
  async apply(h: http.OutgoingHttpHeaders): Promise<void> {
    const { user } = this.connection;
    if (user.token) h.Authorization = `Bearer ${user.token}`;
    else if (user.username && user.password) {
      h.Authorization = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
    } else if (user.exec) {
      const opts: https.RequestOptions = { headers: {} };
      this.execAuth ??= this.boundedExecAuth();
      try {
        await this.execAuth.applyAuthentication(user, opts);
      } catch (e) {
        // Never the plugin's output: a JSON error quotes it, and it may hold the credential.
        this.signal?.throwIfAborted();
        const killed = this.execKilledAfterMs;
        this.execKilledAfterMs = undefined;
        if (killed !== undefined)
          throw new UsageError(
            `exec credential plugin of user "${user.name}" did not answer within ${formatDuration(Math.round(killed / 1000) * 1000)}`,
          );
        const why = e instanceof SyntaxError ? 'it printed no valid ExecCredential JSON' : (e as Error).message.split('\n')[0];
        throw new UsageError(`exec credential plugin of user "${user.name}" failed: ${why}`);
      }
      Object.assign(h, opts.headers);
      noteSecret(String(h.Authorization ?? '').replace(/^Bearer /, ''));
    } else if ((user as { authProvider?: unknown }).authProvider === undefined && (user as unknown as { tokenFile?: string }).tokenFile) {
      const opts: https.RequestOptions = { headers: {} };
      this.fileAuth ??= new FileAuth();
      await this.fileAuth.applyAuthentication(user, opts);
      Object.assign(h, opts.headers);
    }
    if (user.impersonateUser) h['Impersonate-User'] = user.impersonateUser;
  }

  /**
   * After a 401: an exec credential expired early (or was revoked), so the plugin is run again for the
   * next request, once per request as client-go does. False when there is no exec credential to renew.
   */
  forgetExec(): boolean {
    if (!this.execAuth) return false;
    (this.execAuth as unknown as { tokenCache: Record<string, unknown> }).tokenCache[this.connection.user.name] = null;
    return true;
  }

  /** client-node's exec runner, with a time limit and the client's signal (a plugin that never answers ends). */
  private boundedExecAuth(): ExecAuth {
    const auth = new ExecAuth();
    const timeout = this.connection.requestTimeoutMs || EXEC_TIMEOUT_MS;
    const limited = auth as unknown as { execFn: typeof spawn };
    limited.execFn = ((command: string, args: string[], opts: object) => {
      const child = spawn(command, args ?? [], { ...opts, timeout, signal: this.signal, killSignal: 'SIGKILL' });
      const started = Date.now();
      // A killed plugin rejects with its stderr: `apply` says why instead.
      child.once('exit', (code, sig) => {
        if (code === null && sig) this.execKilledAfterMs = Date.now() - started;
      });
      return child;
    }) as unknown as typeof spawn;
    return auth;
  }
}
