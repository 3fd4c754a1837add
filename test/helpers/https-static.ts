/**
 * A folder served over HTTPS on 127.0.0.1 at a random port, as a static host (S3 + CloudFront,
 * GitHub Pages, Artifactory) would serve a release's registry tree. The certificate comes from a
 * throwaway CA made with `openssl`; give its file to Terraform as SSL_CERT_FILE (Go on Linux
 * then trusts that CA, and only it). Served bytes can be replaced per path, to play a
 * compromised host without touching the folder (its files may be hard links into a release).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ThrowawayCertificate {
  dir: string;
  /** The CA's certificate (PEM): SSL_CERT_FILE. */
  caFile: string;
  key: Buffer;
  cert: Buffer;
}

/** A CA and a server certificate for IP 127.0.0.1 signed by it, both valid for a day. */
export function makeThrowawayCertificate(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commerce-iac-tls-'))): ThrowawayCertificate {
  const file = (name: string) => path.join(dir, name);
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=commerce-iac test CA']);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  fs.writeFileSync(file('server.ext'), 'subjectAltName = IP:127.0.0.1\nextendedKeyUsage = serverAuth\nbasicConstraints = CA:FALSE\n');
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '1', '-extfile', 'server.ext']);
  return { dir, caFile: file('ca.pem'), key: fs.readFileSync(file('server.key')), cert: fs.readFileSync(file('server.pem')) };
}

export interface HttpsStaticServer {
  /** `https://127.0.0.1:PORT` (no trailing slash). */
  url: string;
  /** `127.0.0.1:PORT`: the hostname part of a provider source address served from here. */
  host: string;
  caFile: string;
  /** Paths asked for, in order (URL paths, without the query). */
  requests: string[];
  /** Serves `content` at `urlPath` instead of the file; `undefined` restores the file. */
  override(urlPath: string, content: Buffer | string | undefined): void;
  close(): Promise<void>;
}

/** Extensionless registry documents (`versions`, `download/OS/ARCH`) are JSON; Terraform's service discovery insists on the type. */
function contentType(file: string): string {
  if (file.endsWith('.zip')) return 'application/zip';
  if (file.endsWith('.sig')) return 'application/octet-stream';
  if (/_SHA256SUMS$/.test(file)) return 'text/plain; charset=utf-8';
  return 'application/json';
}

export async function serveHttpsStatic(root: string, certificate = makeThrowawayCertificate()): Promise<HttpsStaticServer> {
  const requests: string[] = [];
  const overrides = new Map<string, Buffer>();
  const rootDir = path.resolve(root);
  const server = https.createServer({ key: certificate.key, cert: certificate.cert }, (request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? '/', 'https://127.0.0.1').pathname);
    requests.push(urlPath);
    const replaced = overrides.get(urlPath);
    if (replaced) {
      response.writeHead(200, { 'content-type': contentType(urlPath), 'content-length': replaced.length });
      response.end(request.method === 'HEAD' ? undefined : replaced);
      return;
    }
    const file = path.join(rootDir, urlPath);
    if (!file.startsWith(`${rootDir}${path.sep}`) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found\n');
      return;
    }
    response.writeHead(200, { 'content-type': contentType(file), 'content-length': fs.statSync(file).size });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    caFile: certificate.caFile,
    requests,
    override: (urlPath, content) => {
      if (content === undefined) overrides.delete(urlPath);
      else overrides.set(urlPath, Buffer.from(content));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        fs.rmSync(certificate.dir, { recursive: true, force: true });
      }),
  };
}
