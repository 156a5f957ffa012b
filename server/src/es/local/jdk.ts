import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Jdk {
  home: string;
  major: number;
}

/** Java majors an engine starts on, both ends included (no `max`: any newer one). */
export interface JavaRange {
  min: number;
  max?: number;
}

export function describeRange(range: JavaRange): string {
  if (range.max === undefined) return `Java ${range.min} or newer`;
  return range.min === range.max ? `Java ${range.min}` : `Java ${range.min} to ${range.max}`;
}

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
 * Picks a JDK the engine starts on: the first of `envNames` (ES_JAVA_HOME or OPENSEARCH_JAVA_HOME,
 * then JAVA_HOME) that fits, else the newest fitting one under /usr/lib/jvm. OpenSearch 2.x needs
 * this range check most: it refuses Java 24 and newer, which the newest JDK on a machine often is.
 * Returns the candidates seen so a failure can say what was found.
 */
export function pickJdk(
  range: JavaRange,
  envNames: readonly string[],
  env: Record<string, string | undefined> = process.env,
  jvmDir = '/usr/lib/jvm',
): { jdk?: Jdk; seen: Jdk[] } {
  const seen: Jdk[] = [];
  const fits = (major: number) => major >= range.min && (range.max === undefined || major <= range.max);
  const consider = (home: string | undefined): Jdk | undefined => {
    if (!home) return undefined;
    const major = javaMajor(home);
    if (major === undefined) return undefined;
    const jdk = { home, major };
    seen.push(jdk);
    return fits(major) ? jdk : undefined;
  };
  for (const name of envNames) {
    const fromEnv = consider(env[name]);
    if (fromEnv) return { jdk: fromEnv, seen };
  }
  const installed = existsSync(jvmDir) ? readdirSync(jvmDir).map((name) => path.join(jvmDir, name)) : [];
  const supported = installed
    .map((home) => consider(home))
    .filter((jdk): jdk is Jdk => jdk !== undefined)
    .sort((a, b) => b.major - a.major);
  return { jdk: supported[0], seen };
}
