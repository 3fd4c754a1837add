import { Diagnostics } from '../../framework/types';
import { diagnosticsToMessages } from '../convert/diagnostics';
import { checkSchema, schemaToMessage } from '../convert/schema';
import type { GetProviderSchemaResponse, SchemaMessage } from '../messages';
import type { ProviderContext } from './context';
import { SERVER_CAPABILITIES } from './get-metadata';

export function getProviderSchema(context: ProviderContext): GetProviderSchemaResponse {
  const diagnostics = new Diagnostics();
  const { provider } = context;
  checkSchema(`provider "${provider.typeName}"`, provider.schema, diagnostics);

  const resourceSchemas: Record<string, SchemaMessage> = {};
  for (const [typeName, resource] of context.resources) {
    checkSchema(`resource "${typeName}"`, resource.schema, diagnostics, { managedResource: true });
    resourceSchemas[typeName] = schemaToMessage(resource.schema);
  }
  const dataSourceSchemas: Record<string, SchemaMessage> = {};
  for (const [typeName, dataSource] of context.dataSources) {
    checkSchema(`data source "${typeName}"`, dataSource.schema, diagnostics);
    dataSourceSchemas[typeName] = schemaToMessage(dataSource.schema);
  }

  return {
    provider: schemaToMessage(provider.schema),
    resource_schemas: resourceSchemas,
    data_source_schemas: dataSourceSchemas,
    functions: {},
    ephemeral_resource_schemas: {},
    server_capabilities: SERVER_CAPABILITIES,
    diagnostics: diagnosticsToMessages(diagnostics),
  };
}
