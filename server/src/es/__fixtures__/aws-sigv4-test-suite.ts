/**
 * AWS's Signature Version 4 test suite ("aws-sig-v4-test-suite"), transcribed as data:
 * - the requests and Authorization headers of the header-signed cases from
 *   smithy-lang/smithy-typescript, packages/signature-v4/src/suite.fixture.ts (AWS's own
 *   transcription of the suite for its JavaScript signer);
 * - the normalize-path cases and the session-token case from awslabs/aws-c-auth,
 *   tests/aws-signing-test-suite/v4/<case>/header-signed-request.txt (and that case's context.json);
 * - the canonical request and string to sign of get-vanilla, the suite's get-vanilla.creq and
 *   get-vanilla.sts (the last line of the .sts, the SHA-256 of the .creq, is checked as well).
 *
 * Every case is signed at 20150830T123600Z, in us-east-1, for the service `service`, with the
 * suite's example key. Paths are as in the suite's request line (the client percent-encodes a
 * real path before the connection; the vectors start from the raw one). Query pairs are decoded,
 * as the client holds them before it encodes them into its query string. Host and X-Amz-Date are
 * left out: the signing path sets both.
 *
 * Left out: post-sts-header-after (the token is added after signing, which a signer that takes the
 * token from its credentials never does) and post-vanilla-query-space (its transcription differs
 * from the suite's request line).
 */
export const SUITE = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 'service',
  host: 'example.amazonaws.com',
  signingDate: new Date('2015-08-30T12:36:00Z'),
  amzDate: '20150830T123600Z',
};

export interface SuiteCase {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body?: string;
  sessionToken?: string;
  /** The published Authorization header. */
  authorization: string;
}

const scope = 'Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';
const authz = (signedHeaders: string, signature: string) =>
  `AWS4-HMAC-SHA256 ${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
const plain = 'host;x-amz-date';

export const SUITE_CASES: SuiteCase[] = [
  {
    name: 'get-header-key-duplicate',
    method: 'GET',
    path: '/',
    query: [],
    headers: { 'my-header1': 'value2,value2,value1' },
    authorization: authz('host;my-header1;x-amz-date', 'c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea'),
  },
  {
    name: 'get-header-value-multiline',
    method: 'GET',
    path: '/',
    query: [],
    headers: { 'my-header1': 'value1,value2,value3' },
    authorization: authz('host;my-header1;x-amz-date', 'ba17b383a53190154eb5fa66a1b836cc297cc0a3d70a5d00705980573d8ff790'),
  },
  {
    name: 'get-header-value-order',
    method: 'GET',
    path: '/',
    query: [],
    headers: { 'my-header1': 'value4,value1,value3,value2' },
    authorization: authz('host;my-header1;x-amz-date', '08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01'),
  },
  {
    name: 'get-header-value-trim',
    method: 'GET',
    path: '/',
    query: [],
    headers: { 'my-header1': 'value1', 'my-header2': '"a   b   c"' },
    authorization: authz(
      'host;my-header1;my-header2;x-amz-date',
      'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
    ),
  },
  {
    name: 'get-unreserved',
    method: 'GET',
    path: '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
    query: [],
    headers: {},
    authorization: authz(plain, '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f'),
  },
  {
    name: 'get-utf8',
    method: 'GET',
    path: '/ሴ',
    query: [],
    headers: {},
    authorization: authz(plain, '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85'),
  },
  {
    name: 'get-vanilla',
    method: 'GET',
    path: '/',
    query: [],
    headers: {},
    authorization: authz(plain, '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'),
  },
  {
    name: 'get-vanilla-empty-query-key',
    method: 'GET',
    path: '/',
    query: [['Param1', 'value1']],
    headers: {},
    authorization: authz(plain, 'a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb'),
  },
  {
    name: 'get-vanilla-query-order-key-case',
    method: 'GET',
    path: '/',
    query: [
      ['Param2', 'value2'],
      ['Param1', 'value1'],
    ],
    headers: {},
    authorization: authz(plain, 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500'),
  },
  {
    name: 'get-vanilla-query-unreserved',
    method: 'GET',
    path: '/',
    query: [
      [
        '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
        '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
      ],
    ],
    headers: {},
    authorization: authz(plain, '9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197'),
  },
  {
    name: 'get-vanilla-utf8-query',
    method: 'GET',
    path: '/',
    query: [['ሴ', 'bar']],
    headers: {},
    authorization: authz(plain, '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04'),
  },
  {
    name: 'post-header-key-case',
    method: 'POST',
    path: '/',
    query: [],
    headers: {},
    authorization: authz(plain, '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'),
  },
  {
    name: 'post-header-key-sort',
    method: 'POST',
    path: '/',
    query: [],
    headers: { 'my-header1': 'value1' },
    authorization: authz('host;my-header1;x-amz-date', 'c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c'),
  },
  {
    name: 'post-header-value-case',
    method: 'POST',
    path: '/',
    query: [],
    headers: { 'my-header1': 'VALUE1' },
    authorization: authz('host;my-header1;x-amz-date', 'cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d'),
  },
  {
    name: 'post-sts-header-before',
    method: 'POST',
    path: '/',
    query: [],
    headers: {},
    sessionToken:
      'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==',
    authorization: authz(
      'host;x-amz-date;x-amz-security-token',
      '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
    ),
  },
  {
    name: 'post-vanilla',
    method: 'POST',
    path: '/',
    query: [],
    headers: {},
    authorization: authz(plain, '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'),
  },
  {
    name: 'post-vanilla-query',
    method: 'POST',
    path: '/',
    query: [['Param1', 'value1']],
    headers: {},
    authorization: authz(plain, '28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11'),
  },
  {
    name: 'post-vanilla-query-nonunreserved',
    method: 'POST',
    path: '/',
    query: [
      ['@#$%^', ''],
      ['+', '/,?><`";:\\|][{}'],
    ],
    headers: {},
    authorization: authz(plain, '66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e'),
  },
  {
    name: 'post-x-www-form-urlencoded',
    method: 'POST',
    path: '/',
    query: [],
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Param1=value1',
    authorization: authz('content-type;host;x-amz-date', 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a'),
  },
  {
    name: 'post-x-www-form-urlencoded-parameters',
    method: 'POST',
    path: '/',
    query: [],
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf8' },
    body: 'Param1=value1',
    authorization: authz('content-type;host;x-amz-date', '1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe'),
  },
  {
    name: 'get-relative-normalized',
    method: 'GET',
    path: '/example/..',
    query: [],
    headers: {},
    authorization: authz(plain, '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'),
  },
  {
    name: 'get-relative-relative-normalized',
    method: 'GET',
    path: '/example1/example2/../..',
    query: [],
    headers: {},
    authorization: authz(plain, '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'),
  },
  {
    name: 'get-slash-dot-slash-normalized',
    method: 'GET',
    path: '/./',
    query: [],
    headers: {},
    authorization: authz(plain, '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'),
  },
  {
    name: 'get-slash-pointless-dot-normalized',
    method: 'GET',
    path: '/./example',
    query: [],
    headers: {},
    authorization: authz(plain, 'ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5'),
  },
  {
    name: 'get-slashes-normalized',
    method: 'GET',
    path: '//example//',
    query: [],
    headers: {},
    authorization: authz(plain, '9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84'),
  },
  {
    name: 'get-space-normalized',
    method: 'GET',
    path: '/example space/',
    query: [],
    headers: {},
    authorization: authz(plain, '652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741'),
  },
  {
    name: 'get-vanilla-with-session-token',
    method: 'GET',
    path: '/',
    query: [],
    headers: {},
    sessionToken: '6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267',
    authorization: authz(
      'host;x-amz-date;x-amz-security-token',
      '07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8',
    ),
  },
];

/** get-vanilla.creq and get-vanilla.sts. */
export const GET_VANILLA_CANONICAL_REQUEST = [
  'GET',
  '/',
  '',
  'host:example.amazonaws.com',
  'x-amz-date:20150830T123600Z',
  '',
  'host;x-amz-date',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
].join('\n');

export const GET_VANILLA_STRING_TO_SIGN = [
  'AWS4-HMAC-SHA256',
  '20150830T123600Z',
  '20150830/us-east-1/service/aws4_request',
  'bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63',
].join('\n');
