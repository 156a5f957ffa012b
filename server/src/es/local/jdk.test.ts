import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localEngine } from './engines.ts';
import { pickJdk } from './jdk.ts';

/** A folder that looks like a JDK of that major to `javaMajor`. */
function fakeJdk(root: string, name: string, version: string): string {
  const home = path.join(root, name);
  mkdirSync(path.join(home, 'bin'), { recursive: true });
  writeFileSync(path.join(home, 'bin', 'java'), '');
  writeFileSync(path.join(home, 'release'), `JAVA_VERSION="${version}"\n`);
  return home;
}

describe('picking a JDK per engine', () => {
  const jvm = mkdtempSync(path.join(tmpdir(), 'lookout-jvm-'));
  const java17 = fakeJdk(jvm, 'java-17-openjdk-amd64', '17.0.17');
  const java25 = fakeJdk(jvm, 'temurin-25-jdk-amd64', '25.0.1');

  it('gives OpenSearch 2 Java 17, because it refuses Java 25', () => {
    expect(pickJdk(localEngine('opensearch@2.19.6').java, [], {}, jvm).jdk?.home).toBe(java17);
  });

  it('gives OpenSearch 3 and Elasticsearch the newest JDK they accept', () => {
    for (const id of ['opensearch@3.6.0', 'elasticsearch@9.2.0', 'elasticsearch@8.19.21']) {
      expect(pickJdk(localEngine(id).java, [], {}, jvm).jdk?.home).toBe(java25);
    }
  });

  it('prefers the JDK named in the environment when the engine accepts it, else looks further', () => {
    const range = localEngine('opensearch@2.19.6').java;
    expect(pickJdk(range, ['OPENSEARCH_JAVA_HOME'], { OPENSEARCH_JAVA_HOME: java17 }, jvm).jdk?.home).toBe(
      java17,
    );
    const refused = pickJdk(range, ['OPENSEARCH_JAVA_HOME'], { OPENSEARCH_JAVA_HOME: java25 }, jvm);
    expect(refused.jdk?.home).toBe(java17);
  });

  it('finds nothing for Elasticsearch 9 on a machine with only Java 17, and says what it saw', () => {
    const old = mkdtempSync(path.join(tmpdir(), 'lookout-jvm-old-'));
    fakeJdk(old, 'java-17', '17.0.17');
    const picked = pickJdk(localEngine('elasticsearch@9.2.0').java, [], {}, old);
    expect(picked.jdk).toBeUndefined();
    expect(picked.seen.map((jdk) => jdk.major)).toEqual([17]);
  });
});
