/**
 * A test client for the provider's gRPC services, built on @grpc/grpc-js (an
 * independent HTTP/2 gRPC implementation) with the project's protobuf codec.
 */
import * as grpc from '@grpc/grpc-js';
import { decodeMessage, descriptor, encodeMessage } from '../../../provider/protocol/wire/protobuf';

function clientDefinition(serviceName: string): grpc.ServiceDefinition {
  const definition: Record<string, grpc.MethodDefinition<any, any>> = {};
  for (const [name, method] of Object.entries(descriptor.services[serviceName])) {
    definition[name] = {
      path: `/${serviceName}/${name}`,
      requestStream: method.requestStream,
      responseStream: method.responseStream,
      requestSerialize: (message: object) => encodeMessage(method.request, message),
      requestDeserialize: (bytes: Buffer) => decodeMessage(method.request, bytes),
      responseSerialize: (message: object) => encodeMessage(method.response, message),
      responseDeserialize: (bytes: Buffer) => decodeMessage(method.response, bytes),
    };
  }
  return definition;
}

export interface ClientTls {
  /** The server certificate from the handshake line (trusted as the only root). */
  serverCertificatePem: string;
  clientCertificatePem: string;
  clientPrivateKeyPem: string;
}

export class PluginClient {
  private readonly clients = new Map<string, grpc.Client>();

  /** `server`: a unix socket's path, or `{ tcp: 'HOST:PORT' }`. */
  constructor(
    private readonly server: string | { tcp: string },
    private readonly tls?: ClientTls,
  ) {}

  private client(serviceName: string): grpc.Client {
    let client = this.clients.get(serviceName);
    if (!client) {
      const Constructor = grpc.makeGenericClientConstructor(clientDefinition(serviceName), serviceName);
      const credentials = this.tls
        ? grpc.credentials.createSsl(
            Buffer.from(this.tls.serverCertificatePem),
            Buffer.from(this.tls.clientPrivateKeyPem),
            Buffer.from(this.tls.clientCertificatePem),
          )
        : grpc.credentials.createInsecure();
      const target = typeof this.server === 'string' ? `unix:${this.server}` : `ipv4:${this.server.tcp}`;
      client = new Constructor(target, credentials, {
        'grpc.ssl_target_name_override': 'localhost',
        'grpc.default_authority': 'localhost',
      });
      this.clients.set(serviceName, client);
    }
    return client;
  }

  call<T = any>(serviceName: string, method: string, request: object = {}): Promise<T> {
    const client = this.client(serviceName) as unknown as Record<
      string,
      (request: object, callback: (error: grpc.ServiceError | null, response: T) => void) => void
    >;
    return new Promise((resolve, reject) => {
      client[method](request, (error, response) => (error ? reject(error) : resolve(response)));
    });
  }

  /** Calls any path with an empty request; for probing methods the server does not have. */
  callPath(serviceName: string, path: string): Promise<Buffer> {
    const client = this.client(serviceName);
    return new Promise((resolve, reject) => {
      client.makeUnaryRequest(
        path,
        (message: Buffer) => message,
        (bytes: Buffer) => bytes,
        Buffer.alloc(0),
        (error, response) => (error ? reject(error) : resolve(response as Buffer)),
      );
    });
  }

  provider<T = any>(method: string, request: object = {}): Promise<T> {
    return this.call<T>('tfplugin6.Provider', method, request);
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}
