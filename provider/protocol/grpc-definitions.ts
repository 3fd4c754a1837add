/**
 * gRPC service definitions built from the JSON descriptor that scripts/build.js
 * generates from provider/proto/*.proto, so no .proto text is parsed at start-up.
 */
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import * as protobuf from 'protobufjs/light';
import descriptor from './generated/descriptor.json';

let root: protobuf.Root | undefined;

function protocolRoot(): protobuf.Root {
  root ??= protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
  return root;
}

/** Requests keep proto field names; absent fields stay undefined; 64-bit integers become numbers. */
const DECODE_OPTIONS: protobuf.IConversionOptions = {
  longs: Number,
  enums: String,
  defaults: false,
  arrays: true,
  objects: true,
};

export function messageCodec(typeName: string): {
  encode(message: object): Buffer;
  decode(bytes: Buffer): any;
} {
  const type = protocolRoot().lookupType(typeName);
  return {
    encode: (message) => Buffer.from(type.encode(type.fromObject(message)).finish()),
    decode: (bytes) => type.toObject(type.decode(bytes), DECODE_OPTIONS),
  };
}

const definitions = new Map<string, ServiceDefinition>();

/** The definition grpc-js needs to serve (or call) a service, e.g. "tfplugin6.Provider". */
export function serviceDefinition(serviceName: string): ServiceDefinition {
  let definition = definitions.get(serviceName);
  if (!definition) {
    definition = buildServiceDefinition(serviceName);
    definitions.set(serviceName, definition);
  }
  return definition;
}

function buildServiceDefinition(serviceName: string): ServiceDefinition {
  const service = protocolRoot().lookupService(serviceName);
  const definition: Record<string, MethodDefinition<any, any>> = {};
  for (const method of service.methodsArray) {
    method.resolve();
    const request = messageCodec(method.resolvedRequestType!.fullName.slice(1));
    const response = messageCodec(method.resolvedResponseType!.fullName.slice(1));
    definition[method.name] = {
      path: `/${serviceName}/${method.name}`,
      requestStream: method.requestStream === true,
      responseStream: method.responseStream === true,
      requestSerialize: request.encode,
      requestDeserialize: request.decode,
      responseSerialize: response.encode,
      responseDeserialize: response.decode,
      originalName: method.name,
    };
  }
  return definition;
}
