// Bearer-token authentication: one admin token (in system:masters) plus the users of a
// `token,user,group1|group2` file. Service-account identities are reachable by impersonation.

import { badRequest } from './errors.js';

export interface UserInfo {
  name: string;
  groups: string[];
}

export interface UserEntry {
  token: string;
  user: string;
  groups: string[];
}

export const ADMIN_USER = 'sim-admin';

/** The groups the API server adds to every authenticated identity. */
export function withImplicitGroups(name: string, groups: string[]): UserInfo {
  const all = new Set(groups);
  all.add('system:authenticated');
  const sa = parseServiceAccountUser(name);
  if (sa) {
    all.add('system:serviceaccounts');
    all.add(`system:serviceaccounts:${sa.namespace}`);
  }
  return { name, groups: [...all] };
}

export function parseServiceAccountUser(name: string): { namespace: string; name: string } | undefined {
  const m = name.match(/^system:serviceaccount:([^:]+):([^:]+)$/);
  return m ? { namespace: m[1], name: m[2] } : undefined;
}

/** Parses a users file; throws a one-line error naming the bad line. */
export function parseUsersFile(text: string): UserEntry[] {
  const out: UserEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [token, user, groups = ''] = line.split(',').map((s) => s.trim());
    if (!token || !user) throw new Error(`users file line ${i + 1}: expected token,user[,group1|group2]`);
    out.push({
      token,
      user,
      groups: groups
        ? groups
            .split('|')
            .map((g) => g.trim())
            .filter(Boolean)
        : [],
    });
  });
  return out;
}

export class Authenticator {
  private readonly byToken = new Map<string, UserInfo>();

  constructor(adminToken: string, users: UserEntry[]) {
    this.byToken.set(adminToken, withImplicitGroups(ADMIN_USER, ['system:masters']));
    for (const u of users) this.byToken.set(u.token, withImplicitGroups(u.user, u.groups));
  }

  /** The identity for an Authorization header, or undefined when it is missing or unknown. */
  authenticate(header: string | undefined): UserInfo | undefined {
    const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
    return m ? this.byToken.get(m[1]) : undefined;
  }

  addUser(u: UserEntry): void {
    if (!u.token) throw badRequest('a user needs a token');
    this.byToken.set(u.token, withImplicitGroups(u.user, u.groups));
  }
}
