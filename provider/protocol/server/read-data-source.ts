import { Diagnostics } from '../../framework/types';
import { schemaType } from '../codec/types';
import { diagnosticsToMessages } from '../convert/diagnostics';
import type { ReadDataSourceRequest, ReadDataSourceResponse } from '../messages';
import { decodeObject, encodeValue, requireKnown, runGuarded, type ProviderContext } from './context';

export async function readDataSource(
  context: ProviderContext,
  request: ReadDataSourceRequest,
): Promise<ReadDataSourceResponse> {
  const diagnostics = new Diagnostics();
  const response: ReadDataSourceResponse = {};
  const dataSource = context.dataSource(request.type_name, diagnostics);
  if (dataSource) {
    const type = schemaType(dataSource.schema);
    const config = decodeObject(request.config, type, diagnostics, 'data source configuration');
    if (config) {
      const result = await runGuarded(diagnostics, `Reading ${dataSource.typeName}`, () =>
        dataSource.read({ config, client: context.client }, diagnostics),
      );
      if (result) {
        response.state = encodeValue(requireKnown(result, diagnostics, 'read'), type, diagnostics, 'data source state');
      } else if (!diagnostics.hasErrors) {
        diagnostics.error(
          `Reading ${dataSource.typeName} returned no value`,
          'read() must return the data source\'s values. This is a bug in the provider.',
        );
      }
    }
  }
  response.diagnostics = diagnosticsToMessages(diagnostics);
  return response;
}
