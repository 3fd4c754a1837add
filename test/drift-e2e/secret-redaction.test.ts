/**
 * Issue 23: secrets written literally into the code (the synth warns; people ship it anyway)
 * and runs that fail on them. Every sensitive attribute of both providers and of the Elastic
 * Path integration (the Sendcloud integration has none) gets a literal value: the providers'
 * secrets are refused by the emulators, the integrations' secrets sit in integrations whose
 * create Elastic Path refuses during --reconcile. One run writes every format (JSON on stdout,
 * text and markdown files), its stderr is kept, and `drift merge` renders the JSON in every
 * format: no secret appears in any of them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DriftApp,
  type DriftEmulators,
  type EpIntegrationSpec,
  type ProcessResult,
  expectNoSecrets,
  runDriftCli,
  startDriftEmulators,
  uniqueSecret,
} from './support';

/** Accepted at plan (a warning: not among the documented events), refused by the API at create. */
const REFUSED_EVENT = 'order.teleported';

/** The start of a secret longer than a diagnostic line, with spaces Terraform may wrap it at. */
const LONG_SECRET_START = uniqueSecret('long-ep-client-secret');
const LONG_CLIENT_SECRET = `${LONG_SECRET_START} ${'with words that run past the width of a terminal line '.repeat(3)}end`;
const SECRETS = {
  elasticpathClientSecret: LONG_CLIENT_SECRET,
  sendcloudSecretKey: uniqueSecret('sc-secret-key-literal'),
  sendcloudOauthClientSecret: uniqueSecret('sc-oauth-secret-literal'),
  webhookSecretKey: uniqueSecret('webhook-secret'),
  webhookSecretKeyWo: uniqueSecret('webhook-secret-wo'),
  awsAccessKeyId: uniqueSecret('AKIA'),
  awsSecretAccessKey: uniqueSecret('aws-secret'),
  awsSecretAccessKeyWo: uniqueSecret('aws-secret-wo'),
  stompPassword: uniqueSecret('stomp-password'),
  stompPasswordWo: uniqueSecret('stomp-password-wo'),
};

let emulators: DriftEmulators;
let app: DriftApp;
let run: ProcessResult;
let files: Record<string, string>;
let merges: ProcessResult[];

interface Report {
  stacks: { name: string; resources: unknown[]; error?: { command: string | null; message: string } }[];
}

const integration = (id: string, type: EpIntegrationSpec['type'], configuration: EpIntegrationSpec['configuration']): EpIntegrationSpec => ({
  id,
  name: `redaction ${id}`,
  type,
  observes: [REFUSED_EVENT],
  configuration,
});

beforeAll(async () => {
  emulators = await startDriftEmulators();
  const shop = (integrationId: number) => ({ id: 'shop', props: { integrationId, shopName: 'Redaction shop' } });
  app = DriftApp.create({
    stacks: [
      {
        name: 'elasticpath-secret-refused',
        providers: { elasticpath: { clientSecret: SECRETS.elasticpathClientSecret } },
        elasticpath: [{ id: 'hook', name: 'redaction hook', type: 'webhook', observes: ['order.paid'], configuration: { url: 'https://hooks.example.com/a' } }],
        sendcloud: [],
      },
      { name: 'sendcloud-key-refused', providers: { sendcloud: { secretKey: SECRETS.sendcloudSecretKey } }, elasticpath: [], sendcloud: [shop(1001)] },
      {
        name: 'sendcloud-oauth-refused',
        providers: {
          sendcloud: { oauthClientId: 'redaction-client', oauthClientSecret: SECRETS.sendcloudOauthClientSecret, oauthTokenUrl: `${emulators.sendcloud.url}/oauth2/token` },
        },
        elasticpath: [],
        sendcloud: [shop(1002)],
      },
      {
        name: 'integration-create-refused',
        elasticpath: [
          integration('webhook', 'webhook', { url: 'https://hooks.example.com/b', secretKey: SECRETS.webhookSecretKey }),
          integration('webhook-wo', 'webhook', { url: 'https://hooks.example.com/c', secretKeyWo: SECRETS.webhookSecretKeyWo }),
          integration('sqs', 'awsSqs', {
            url: 'https://sqs.eu-west-1.amazonaws.com/1/q',
            region: 'eu-west-1',
            awsAccessKeyId: SECRETS.awsAccessKeyId,
            awsSecretAccessKey: SECRETS.awsSecretAccessKey,
          }),
          integration('sqs-wo', 'awsSqs', {
            url: 'https://sqs.eu-west-1.amazonaws.com/1/r',
            region: 'eu-west-1',
            awsAccessKeyId: uniqueSecret('AKIA2'),
            awsSecretAccessKeyWo: SECRETS.awsSecretAccessKeyWo,
          }),
          integration('stomp', 'stomp', { addresses: ['stomp+ssl://broker.example.com:61614'], destination: '/queue/a', username: 'u', password: SECRETS.stompPassword }),
          integration('stomp-wo', 'stomp', { addresses: ['stomp+ssl://broker.example.com:61614'], destination: '/queue/b', username: 'u', passwordWo: SECRETS.stompPasswordWo }),
        ],
        sendcloud: [],
      },
    ],
  });
  files = { text: path.join(app.dir, 'drift.txt'), markdown: path.join(app.dir, 'drift.md'), json: path.join(app.dir, 'drift.json') };
  // Without the Sendcloud secret key in the environment, the OAuth stack authenticates with its client secret.
  const env = { ...emulators.env, SENDCLOUD_SECRET_KEY: '' };
  run = await runDriftCli(['--app-dir', app.dir, '--reconcile', '--json', '--report', `text=${files.text}`, '--report', `markdown=${files.markdown}`], env);
  fs.writeFileSync(files.json, run.stdout);
  merges = await Promise.all([[], ['--json'], ['--format', 'markdown']].map((format) => runDriftCli(['merge', ...format, files.json], env)));
}, 600_000);

afterAll(async () => {
  app?.cleanup();
  await emulators?.close();
});

test('each stack fails on its secret: refused credentials, refused creates during --reconcile', () => {
  expect(run.code).toBe(1);
  const report = JSON.parse(run.stdout) as Report;
  const errorOf = (name: string) => report.stacks.find((stack) => stack.name === name)?.error;
  expect(errorOf('elasticpath-secret-refused')?.message).toMatch(/refused the credentials/);
  expect(errorOf('elasticpath-secret-refused')?.message).toContain('"client_secret": "(sensitive)"');
  expect(errorOf('sendcloud-key-refused')?.message).toMatch(/401|credentials|refused/i);
  expect(errorOf('sendcloud-oauth-refused')?.message).toMatch(/401|credentials|refused|invalid_client/i);
  expect(errorOf('integration-create-refused')?.command).toMatch(/^terraform apply /);
  expect(errorOf('integration-create-refused')?.message).toContain(REFUSED_EVENT);
  expect(merges.map((merge) => merge.code)).toEqual([1, 1, 1]);
});

test('no secret appears in any format, stream or file the runs wrote', () => {
  const secrets = [...Object.values(SECRETS), ...emulators.credentialSecrets];
  const outputs: [string, string][] = [
    ['drift stdout (json)', run.stdout],
    ['drift stderr', run.stderr],
    ['text report file', fs.readFileSync(files.text, 'utf8')],
    ['markdown report file', fs.readFileSync(files.markdown, 'utf8')],
    ...merges.flatMap((merge, index): [string, string][] => [[`merge ${index} stdout`, merge.stdout], [`merge ${index} stderr`, merge.stderr]]),
  ];
  for (const [where, text] of outputs) {
    expectNoSecrets(text, secrets, where);
    // The long secret's words on their own would betray it even where a line break split it.
    expect(text).not.toContain(LONG_SECRET_START);
  }
});
