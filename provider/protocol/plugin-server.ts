/**
 * The services a provider process serves: tfplugin6.Provider plus what
 * go-plugin's host expects (controller, stdio, broker, health).
 */
import type { ProviderDefinition, ProviderSource } from '../framework/types';
import { log, withLogSink, type LogSink } from './log';
import type { RpcHandler } from './provider-service';
import { GrpcServer, type ListenAddress, type OpenStream, type TlsOptions, type UnaryHandler } from './wire/grpc-server';
import { descriptor } from './wire/protobuf';

export interface PluginServerOptions {
  /** Automatic mTLS material; plaintext when absent (reattach mode). */
  tls?: TlsOptions;
  /** Called after GRPCController.Shutdown has been answered, with the connection that asked. */
  onShutdown(connection: object): void;
  /** Called as each client connection opens (the run host ties it to its launch). */
  onConnection?(connection: object): void;
  /** Where a connection's log lines go, when not to this process's stderr (run-host.ts). */
  logSinkOf?(connection: object): LogSink | undefined;
}

function providerService(source: ProviderSource, logSinkOf: PluginServerOptions['logSinkOf']): Record<string, UnaryHandler> {
  let provider: ProviderDefinition<any> | undefined;
  const definition = () => (provider ??= typeof source === 'function' ? source() : source);
  // The RPC code (value codec, planning, conversions) loads at the first call, after the handshake.
  let loaded: Promise<typeof import('./provider-service')> | undefined;
  const load = () => (loaded ??= import('./provider-service'));
  // Terraform opens one connection per provider configuration (an alias, or another run of a
  // reattached provider): each gets its own handlers, so one configuration's client never
  // serves another's resources.
  const handlersByConnection = new WeakMap<object, Record<string, RpcHandler>>();

  const service: Record<string, UnaryHandler> = {};
  for (const method of Object.keys(descriptor.services['tfplugin6.Provider'])) {
    const serve = async (request: { type_name?: string }, connection: object) => {
      const started = Date.now();
      const module = await load();
      let handlers = handlersByConnection.get(connection);
      if (!handlers) {
        handlers = module.providerHandlers(definition());
        handlersByConnection.set(connection, handlers);
      }
      let response: object;
      try {
        response = (await handlers[method](request)) as object;
      } catch (error) {
        response = module.failureResponse(method, error);
      }
      log('DEBUG', 'served RPC', { method, type_name: request.type_name, ms: Date.now() - started });
      return response;
    };
    service[method] = logSinkOf
      ? (request: { type_name?: string }, connection: object) => withLogSink(logSinkOf(connection), () => serve(request, connection))
      : serve;
  }
  return service;
}

/** Serves on the first of `addresses` that is free and resolves with the one taken. */
export async function startPluginServer(
  provider: ProviderSource,
  addresses: Iterable<ListenAddress>,
  options: PluginServerOptions,
): Promise<ListenAddress> {
  const server = new GrpcServer();
  server.addService('tfplugin6.Provider', providerService(provider, options.logSinkOf));
  server.addService('plugin.GRPCController', {
    Shutdown: (_request: unknown, connection: object) => {
      // Answer first; the exit (if any) happens after the response is on its way.
      setImmediate(() => options.onShutdown(connection));
      return {};
    },
  });
  // Stdout/stderr are not forwarded (stderr already reaches Terraform's log); the stream stays open.
  server.addService('plugin.GRPCStdio', { StreamStdio: (call: OpenStream) => call.onClientDone(() => call.end()) });
  // No extra connections are offered; the host's broker stream just stays open.
  server.addService('plugin.GRPCBroker', { StartStream: (call: OpenStream) => call.onClientDone(() => call.end()) });
  server.addService('grpc.health.v1.Health', {
    Check: (request: { service?: string }) => {
      const service = request.service ?? '';
      return { status: service === '' || service === 'plugin' ? 'SERVING' : 'SERVICE_UNKNOWN' };
    },
  });
  return server.listen(addresses, options.tls, options.onConnection);
}
