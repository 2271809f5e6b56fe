// The live view of an Agent's rollout on a terminal, redrawn in place: `rollout watch`, and
// `patch-image --watch` / `rollout undo --watch` when stdout is a TTY. Never taller than the screen (a
// frame that scrolls leaves a copy of itself in the scrollback); long lines are cut, not wrapped.
import type { Output, Palette } from './output.js';
import type { AgentState } from '../rollout/agentState.js';
import { fitRows, viewRows } from '../render/rolloutView.js';

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';

/** True once the Agent, its Deployment, ReplicaSets and pods have each been listed. */
export function fullySynced(state: AgentState): boolean {
  return (['agent', 'deployment', 'pods', 'replicasets'] as const).every((k) => state.synced.has(k));
}

export class LiveScreen {
  private drawn = 0;
  private latest: AgentState | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly io: Output,
    private readonly name: string,
    private readonly p: Palette,
  ) {}

  /** Hides the cursor; ages move on without API events, so the frame is redrawn once a second. */
  start(): void {
    this.io.stdout.write(HIDE_CURSOR);
    this.ticker = setInterval(() => this.latest && this.draw(this.latest), 1000);
  }

  /** Whether a frame is on the screen. */
  get shown(): boolean {
    return this.drawn > 0;
  }

  draw(state: AgentState): void {
    this.latest = state;
    // Once stopped, what is printed below the last frame (the verdict) is never drawn over.
    if (this.stopped || !fullySynced(state)) return;
    const cols = this.io.stdout.columns ?? 200;
    const fitted = fitRows(viewRows(state, this.name, this.p), Math.max(3, (this.io.stdout.rows ?? 40) - 1));
    const frame = fitted.map((r) => clip(r.display, cols)).join('\n');
    // Back to the first line of the previous frame, clear below, draw.
    this.io.stdout.write(`${this.drawn ? `\x1b[${this.drawn - 1}F\r\x1b[J` : ''}${frame}`);
    this.drawn = fitted.length;
  }

  /** Leaves the last frame on the screen, the cursor visible on the line below it. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.ticker);
    this.io.stdout.write(`${SHOW_CURSOR}${this.drawn ? '\n' : ''}`);
  }
}

function clip(line: string, cols: number): string {
  // eslint-disable-next-line no-control-regex
  const visible = line.replace(/\x1b\[[0-9;]*m/g, '');
  if (visible.length <= cols - 1) return line;
  return visible.slice(0, cols - 2) + '…';
}
