import { spawnSync } from 'node:child_process';

/** Elasticsearch refuses to run as root; this system user runs it when Lookout is started as root. */
export const ENGINE_USER = 'lookout-es';

export interface UserIds {
  uid: number;
  gid: number;
}

function idOf(flag: '-u' | '-g'): number | undefined {
  const result = spawnSync('id', [flag, ENGINE_USER], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

/** Creates the user once (no home, no login shell) and returns its ids. */
export function ensureEngineUser(): UserIds {
  if (idOf('-u') === undefined) {
    const created = spawnSync(
      'useradd',
      [
        '--system',
        '--user-group',
        '--no-create-home',
        '--home-dir',
        '/nonexistent',
        '--shell',
        '/usr/sbin/nologin',
        ENGINE_USER,
      ],
      { encoding: 'utf8' },
    );
    if (created.status !== 0)
      throw new Error(`could not create user ${ENGINE_USER}: ${created.stderr.trim()}`);
  }
  return { uid: idOf('-u')!, gid: idOf('-g')! };
}

export function chownRecursive(dir: string, ids: UserIds): void {
  const result = spawnSync('chown', ['-R', `${ids.uid}:${ids.gid}`, dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`chown ${dir} failed: ${result.stderr.trim()}`);
}
