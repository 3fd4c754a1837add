/**
 * The gRPC server a provider process runs: tfplugin6.Provider plus the services
 * go-plugin's host expects (controller, stdio, broker, health).
 */
import * as grpc from '@grpc/grpc-js';
import type { ProviderDefinition } from '../framework/types';
import { serviceDefinition } from './grpc-definitions';
import { log } from './log';
import type { RpcHandler } from './provider-service';

export interface GrpcServerOptions {
  /** PEM of the client certificate to trust (automatic mTLS); plaintext when absent. */
  clientCertificatePem?: string;
  serverCertificatePem?: string;
  serverPrivateKeyPem?: string;
  /** Called after GRPCController.Shutdown has been answered. */
  onShutdown(): void;
}

/** Terraform sends whole states and schemas in single messages; allow large ones. */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

function providerService(provider: ProviderDefinition<any>): grpc.UntypedServiceImplementation {
  // The RPC code (codec, planning, conversions) is loaded at the first call, after the handshake.
  let handlers: Promise<{
    handlers: Record<string, RpcHandler>;
    failureResponse: (method: string, error: unknown) => object;
  }>;
  const load = () =>
    (handlers ??= import('./provider-service').then((module) => ({
      handlers: module.providerHandlers(provider),
      failureResponse: module.failureResponse,
    })));

  const implementation: grpc.UntypedServiceImplementation = {};
  for (const method of Object.keys(serviceDefinition('tfplugin6.Provider'))) {
    implementation[method] = (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
      const started = Date.now();
      load()
        .then(async (loaded) => {
          try {
            return await loaded.handlers[method](call.request);
          } catch (error) {
            return loaded.failureResponse(method, error);
          }
        })
        .then(
          (response) => {
            log('DEBUG', 'served RPC', { method, type_name: call.request?.type_name, ms: Date.now() - started });
            callback(null, response);
          },
          (error: unknown) => callback({ code: grpc.status.INTERNAL, details: String(error) }),
        );
    };
  }
  return implementation;
}

function controllerService(onShutdown: () => void): grpc.UntypedServiceImplementation {
  return {
    Shutdown: (_call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
      callback(null, {});
      onShutdown();
    },
  };
}

/** Nothing is forwarded (stderr already reaches Terraform's log); the stream stays open until the host leaves. */
const stdioService: grpc.UntypedServiceImplementation = {
  StreamStdio: (call: grpc.ServerWritableStream<any, any>) => {
    call.on('cancelled', () => call.end());
  },
};

/** This provider offers no extra connections; the host's broker stream just stays open. */
const brokerService: grpc.UntypedServiceImplementation = {
  StartStream: (call: grpc.ServerDuplexStream<any, any>) => {
    call.on('data', () => undefined);
    call.on('end', () => call.end());
    call.on('cancelled', () => call.end());
  },
};

const healthService: grpc.UntypedServiceImplementation = {
  Check: (call: grpc.ServerUnaryCall<{ service?: string }, any>, callback: grpc.sendUnaryData<any>) => {
    const service = call.request.service ?? '';
    callback(null, { status: service === '' || service === 'plugin' ? 'SERVING' : 'SERVICE_UNKNOWN' });
  },
};

export async function startGrpcServer(
  provider: ProviderDefinition<any>,
  socketPath: string,
  options: GrpcServerOptions,
): Promise<grpc.Server> {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });
  server.addService(serviceDefinition('tfplugin6.Provider'), providerService(provider));
  server.addService(serviceDefinition('plugin.GRPCController'), controllerService(options.onShutdown));
  server.addService(serviceDefinition('plugin.GRPCStdio'), stdioService);
  server.addService(serviceDefinition('plugin.GRPCBroker'), brokerService);
  server.addService(serviceDefinition('grpc.health.v1.Health'), healthService);

  const credentials =
    options.clientCertificatePem && options.serverCertificatePem && options.serverPrivateKeyPem
      ? grpc.ServerCredentials.createSsl(
          Buffer.from(options.clientCertificatePem),
          [
            {
              cert_chain: Buffer.from(options.serverCertificatePem),
              private_key: Buffer.from(options.serverPrivateKeyPem),
            },
          ],
          true,
        )
      : grpc.ServerCredentials.createInsecure();

  await new Promise<void>((resolve, reject) => {
    server.bindAsync(`unix:${socketPath}`, credentials, (error) => (error ? reject(error) : resolve()));
  });
  return server;
}
