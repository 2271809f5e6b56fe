// How many crashes the language server is allowed before the client stops restarting it: VS Code's
// own budget, 5 within 3 minutes. Pure, so the policy is tested without an editor.

export class CrashBudget {
  private crashes: number[] = [];
  constructor(
    readonly max = 5,
    readonly windowMs = 3 * 60_000,
  ) {}

  /** Records a crash at `now`; true while a restart is still allowed. */
  crash(now: number): boolean {
    this.crashes = this.crashes.filter((c) => now - c < this.windowMs);
    this.crashes.push(now);
    return this.crashes.length <= this.max;
  }

  reset(): void {
    this.crashes = [];
  }
}
