import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Jdk {
  home: string;
  major: number;
}

/** Elasticsearch 9.x runs on Java 21 or newer (its own distribution bundles 25). */
export const MIN_JAVA_MAJOR = 21;

/** Reads JAVA_VERSION from a JDK's `release` file; undefined when it is not a JDK. */
export function javaMajor(home: string): number | undefined {
  const release = path.join(home, 'release');
  if (!existsSync(path.join(home, 'bin', 'java')) || !existsSync(release)) return undefined;
  const match = /^JAVA_VERSION="(\d+)(?:\.(\d+))?/m.exec(readFileSync(release, 'utf8'));
  if (!match) return undefined;
  // Java 8 reports "1.8.0_x".
  return match[1] === '1' ? Number(match[2]) : Number(match[1]);
}

/**
 * Picks a JDK Elasticsearch supports: ES_JAVA_HOME, then JAVA_HOME, then the newest under
 * /usr/lib/jvm. Returns the candidates seen so a failure can say what was found.
 */
export function pickJdk(
  env: Record<string, string | undefined> = process.env,
  jvmDir = '/usr/lib/jvm',
): { jdk?: Jdk; seen: Jdk[] } {
  const seen: Jdk[] = [];
  const consider = (home: string | undefined): Jdk | undefined => {
    if (!home) return undefined;
    const major = javaMajor(home);
    if (major === undefined) return undefined;
    const jdk = { home, major };
    seen.push(jdk);
    return major >= MIN_JAVA_MAJOR ? jdk : undefined;
  };
  const fromEnv = consider(env.ES_JAVA_HOME) ?? consider(env.JAVA_HOME);
  if (fromEnv) return { jdk: fromEnv, seen };
  const installed = existsSync(jvmDir) ? readdirSync(jvmDir).map((name) => path.join(jvmDir, name)) : [];
  const supported = installed
    .map((home) => consider(home))
    .filter((jdk): jdk is Jdk => jdk !== undefined)
    .sort((a, b) => b.major - a.major);
  return { jdk: supported[0], seen };
}
