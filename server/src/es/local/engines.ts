import type { EngineFamily } from '../engine.ts';

/**
 * The local engines Lookout can download and run: the real `integ-test-zip` distributions from
 * Maven Central (the server with only its transport, security and APM modules: no bundled JDK,
 * no painless, no ingest processors; the Elasticsearch ones also lack `GET /`). One entry per
 * supported family and major; each is pinned by sha256, because the Maven repository does not
 * publish a `.sha1` for every artifact (Elasticsearch 9.2.0 has none) and a checksum fetched
 * from the same place as the zip proves little.
 */

export interface LocalEngine {
  /** `elasticsearch@9.2.0`, as typed after `--engine`. */
  id: string;
  family: EngineFamily;
  version: string;
  /** Maven coordinates of the zip (groupId:artifactId:version:zip). */
  artifact: string;
  sha256: string;
  /** Size of the zip, for the download bar (Maven prints no progress to a pipe). */
  zipBytes: number;
  /** Java majors the engine starts on, both ends included. */
  java: { min: number; max?: number };
}

export const LOCAL_ENGINES: readonly LocalEngine[] = [
  {
    id: 'elasticsearch@9.2.0',
    family: 'elasticsearch',
    version: '9.2.0',
    artifact: 'org.elasticsearch.distribution.integ-test-zip:elasticsearch:9.2.0:zip',
    sha256: 'bf44938a0490ba2a303d39c9cb64b38963dd08c812ce93e10816e878585bcb6b',
    zipBytes: 99_253_337,
    java: { min: 21 },
  },
  {
    id: 'elasticsearch@8.19.21',
    family: 'elasticsearch',
    version: '8.19.21',
    artifact: 'org.elasticsearch.distribution.integ-test-zip:elasticsearch:8.19.21:zip',
    sha256: '215d5f3dbf0609a149f6218a9e47b6ae2df34ebbff3c5754e35f15a5e5393c8a',
    zipBytes: 106_871_955,
    java: { min: 17 },
  },
  {
    id: 'opensearch@2.19.6',
    family: 'opensearch',
    version: '2.19.6',
    artifact: 'org.opensearch.distribution.integ-test-zip:opensearch:2.19.6:zip',
    sha256: '71d6d8b1c637f3faecda0752b184b1cc526fc6eaad59ec1408c6327bb00b9293',
    zipBytes: 56_380_515,
    // OpenSearch 2.x runs under the Java Security Manager, which Java 24 removed.
    java: { min: 11, max: 21 },
  },
  {
    id: 'opensearch@3.6.0',
    family: 'opensearch',
    version: '3.6.0',
    artifact: 'org.opensearch.distribution.integ-test-zip:opensearch:3.6.0:zip',
    sha256: 'a91faa1dc1cadc78cb278b4f63847e19e1627a4e9de698e14e7efc14ee37b286',
    zipBytes: 161_609_640,
    java: { min: 21 },
  },
];

/** `npm start`, `npm test` and the demo run this one unless told otherwise. */
export const DEFAULT_ENGINE_ID = 'elasticsearch@9.2.0';

export class UnknownEngineError extends Error {}

/** The engine named by `--engine` (or LOOKOUT_ENGINE); a bare family picks its newest pinned version. */
export function localEngine(id: string = process.env.LOOKOUT_ENGINE || DEFAULT_ENGINE_ID): LocalEngine {
  const exact = LOCAL_ENGINES.find((engine) => engine.id === id);
  if (exact) return exact;
  const newestOfFamily = LOCAL_ENGINES.find((engine) => engine.family === id);
  if (newestOfFamily) return newestOfFamily;
  throw new UnknownEngineError(
    `unknown engine "${id}": expected one of ${LOCAL_ENGINES.map((engine) => engine.id).join(', ')}`,
  );
}

/** The zip's file name as Maven copies it, and its top folder once unpacked. */
export function artifactBaseName(engine: LocalEngine): string {
  return `${engine.family}-${engine.version}`;
}
